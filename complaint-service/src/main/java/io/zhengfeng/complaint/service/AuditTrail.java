package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.zhengfeng.platform.persistence.AppendOnlyRows;
import io.zhengfeng.platform.pii.RekeyAudit;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.web.RequestContext;

/** Who read personal data or changed something, when, and with what outcome. */
@ApplicationScoped
public class AuditTrail implements RekeyAudit {
    public static final String ALLOWED = RekeyAudit.ALLOWED;
    public static final String DENIED = RekeyAudit.DENIED;

    /** The columns of {@link io.zhengfeng.complaint.persistence.AuditEntry}, which reads them back. */
    private static final String INSERT = "INSERT INTO audit_entry"
            + " (at, actor, actor_roles, action, subject_id, outcome, detail, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final CurrentUser user;
    private final RequestContext request;
    private final AppendOnlyRows rows;

    public AuditTrail(CurrentUser user, RequestContext request, AppendOnlyRows rows) {
        this.user = user;
        this.request = request;
        this.rows = rows;
    }

    /** Who is calling, as the trail names them. */
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

    /**
     * In the caller's transaction, on behalf of {@code actor} outside any request (a background job
     * started by that person): no caller's roles or request id to read.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFor(String actor, String action, String subjectId, String outcome, String detail) {
        write(actor, null, null, action, subjectId, outcome, detail);
    }

    private void write(String action, String subjectId, String outcome, String detail) {
        write(user.username(), user.isAnonymous() ? null : String.join(",", new TreeSet<>(user.roles())),
                request.requestId(), action, subjectId, outcome, detail);
    }

    private void write(String actor, String actorRoles, String requestId, String action, String subjectId, String outcome,
            String detail) {
        rows.insert(INSERT, Instant.now(), actor, actorRoles, action, subjectId, outcome,
                detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000), requestId);
    }
}
