package io.zhengfeng.survey.service;

import java.time.Instant;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.arc.Arc;

import io.zhengfeng.survey.persistence.AuditEntry;
import io.zhengfeng.platform.pii.RekeyAudit;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.web.RequestContext;

/** Who read personal data or changed something, when, and with what outcome. */
@ApplicationScoped
public class AuditTrail implements RekeyAudit {
    public static final String ALLOWED = RekeyAudit.ALLOWED;
    public static final String DENIED = RekeyAudit.DENIED;

    private final CurrentUser user;
    private final RequestContext request;

    public AuditTrail(CurrentUser user, RequestContext request) {
        this.user = user;
        this.request = request;
    }

    @Override
    public String currentActor() {
        return user.username();
    }

    /** In the caller's transaction: the entry commits with the change it describes. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String subjectId, String outcome, String detail) {
        write(action, subjectId, outcome, detail);
    }

    /** In its own transaction: a refused attempt is recorded although the request rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRefusal(String action, String subjectId, String detail) {
        write(action, subjectId, DENIED, detail);
    }

    /** In the caller's transaction, on behalf of {@code actor} outside any request (a background job that person started). */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFor(String actor, String action, String subjectId, String outcome, String detail) {
        AuditEntry entry = entry(action, subjectId, outcome, detail);
        entry.actor = actor;
        entry.persist();
    }

    private void write(String action, String subjectId, String outcome, String detail) {
        AuditEntry entry = entry(action, subjectId, outcome, detail);
        // a timer's event (deadline.breached) runs outside any request: the system acts
        boolean inRequest = Arc.container().requestContext().isActive();
        entry.actor = inRequest ? user.username() : "system";
        entry.actorRoles = !inRequest || user.isAnonymous() ? null : String.join(",", new TreeSet<>(user.roles()));
        entry.requestId = inRequest ? request.requestId() : null;
        entry.persist();
    }

    private static AuditEntry entry(String action, String subjectId, String outcome, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.at = Instant.now();
        entry.action = action;
        entry.subjectId = subjectId;
        entry.outcome = outcome;
        entry.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        return entry;
    }
}
