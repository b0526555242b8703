package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.complaint.persistence.HistoryEntry;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/** The complaint's own story, told step by step to staff. */
@ApplicationScoped
public class History {
    private static final List<String> ROLE_ORDER = List.of(Roles.LEADER, Roles.SPOKESPERSON, Roles.DEPT_HEAD,
            Roles.HANDLER, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN);

    private final CurrentUser user;

    public History(CurrentUser user) {
        this.user = user;
    }

    public void record(ComplaintEntity c, String action, Status from, String detail) {
        recordAs(c, action, from, detail, user.username(), mainRole());
    }

    public void recordAs(ComplaintEntity c, String action, Status from, String detail, String actor, String role) {
        HistoryEntry entry = new HistoryEntry();
        entry.complaintId = c.id;
        entry.at = Instant.now();
        entry.actor = actor;
        entry.actorRole = role;
        entry.action = action;
        entry.fromStatus = from == null ? null : from.code();
        entry.toStatus = c.status.code();
        entry.department = c.department;
        entry.detail = detail;
        entry.persist();
    }

    private String mainRole() {
        if (user.isAnonymous()) {
            return "citizen";
        }
        return ROLE_ORDER.stream().filter(user::hasRole).findFirst().orElse(null);
    }
}
