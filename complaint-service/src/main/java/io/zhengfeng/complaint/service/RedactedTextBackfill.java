package io.zhengfeng.complaint.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.pii.Redaction;

/**
 * Fills {@code redacted_title/redacted_content} of complaints stored before those columns existed,
 * in batches at start-up; resumable (it picks up whatever is still empty) and idempotent.
 * Until a row is filled it matches no text search by staff who search redacted text.
 */
@ApplicationScoped
public class RedactedTextBackfill {
    private static final Logger LOG = Logger.getLogger(RedactedTextBackfill.class);
    private static final int BATCH = 200;

    private final ContactVisibility contacts;

    public RedactedTextBackfill(ContactVisibility contacts) {
        this.contacts = contacts;
    }

    void onStart(@Observes StartupEvent ignored) {
        int total = 0;
        for (int done; (done = batch()) > 0; ) {
            total += done;
        }
        if (total > 0) {
            LOG.infof("Redacted text filled for %d complaints stored before it existed", total);
        }
    }

    @Transactional
    int batch() {
        List<ComplaintEntity> rows = ComplaintEntity.<ComplaintEntity>find("redactedContent is null").page(0, BATCH).list();
        for (ComplaintEntity c : rows) {
            String name = contacts.nameForRedaction(c);
            c.redactedTitle = Redaction.redact(c.title, name);
            c.redactedContent = Redaction.redact(c.content, name);
        }
        return rows.size();
    }
}
