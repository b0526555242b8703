package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.platform.persistence.AppendOnlyRows;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/** The complaint's own story, told step by step to staff. */
@ApplicationScoped
public class History {
    private static final List<String> ROLE_ORDER = List.of(Roles.LEADER, Roles.SPOKESPERSON, Roles.DEPT_HEAD,
            Roles.HANDLER, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN);

    /** The columns of {@link io.zhengfeng.complaint.persistence.HistoryEntry}, which reads them back. */
    private static final String INSERT = "INSERT INTO complaint_history"
            + " (complaint_id, at, actor, actor_role, action, from_status, to_status, department, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final CurrentUser user;
    private final AppendOnlyRows rows;

    public History(CurrentUser user, AppendOnlyRows rows) {
        this.user = user;
        this.rows = rows;
    }

    public void record(ComplaintEntity c, String action, Status from, String detail) {
        recordAs(c, action, from, detail, user.username(), mainRole());
    }

    public void recordAs(ComplaintEntity c, String action, Status from, String detail, String actor, String role) {
        rows.insert(INSERT, c.id, Instant.now(), actor, role, action, from == null ? null : from.code(), c.status.code(),
                c.department, detail);
    }

    private String mainRole() {
        if (user.isAnonymous()) {
            return "citizen";
        }
        return ROLE_ORDER.stream().filter(user::hasRole).findFirst().orElse(null);
    }
}
