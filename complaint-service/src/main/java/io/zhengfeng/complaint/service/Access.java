package io.zhengfeng.complaint.service;

import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/** Who may act on which complaint: roles, and for departments, only their own complaints. */
@ApplicationScoped
public class Access {
    private final CurrentUser user;
    private final AuditTrail audit;

    public Access(CurrentUser user, AuditTrail audit) {
        this.user = user;
        this.audit = audit;
    }

    public void requireRole(ComplaintEntity c, String action, String... roles) {
        if (!user.hasAnyRole(roles)) {
            refuse(c, action, "role " + user.roles() + " may not " + action);
        }
    }

    /** A handler or head may only touch complaints assigned to their own department. */
    public void requireDepartmentMember(ComplaintEntity c, String action, String... roles) {
        requireRole(c, action, roles);
        if (!ownsDepartment(c)) {
            refuse(c, action, "complaint is with department " + c.department + ", not yours");
        }
    }

    /** Spokesperson, or the head of the department that has the complaint. */
    public void requireSpokespersonOrOwnHead(ComplaintEntity c, String action) {
        if (user.hasRole(Roles.SPOKESPERSON)) {
            return;
        }
        requireDepartmentMember(c, action, Roles.DEPT_HEAD);
    }

    public boolean ownsDepartment(ComplaintEntity c) {
        return c.department != null && Objects.equals(user.department().orElse(null), c.department);
    }

    /** Department staff see only their department's complaints; everyone else with a staff role sees all. */
    public boolean maySee(ComplaintEntity c) {
        if (user.hasAnyRole(Roles.SPOKESPERSON, Roles.LEADER, Roles.SUPERVISOR, Roles.INSPECTOR, Roles.ADMIN)) {
            return true;
        }
        return user.hasAnyRole(Roles.HANDLER, Roles.DEPT_HEAD) && ownsDepartment(c);
    }

    private void refuse(ComplaintEntity c, String action, String why) {
        audit.recordRefusal("complaint." + action, c.id, why);
        throw ProblemException.forbidden("You may not " + action + " this complaint: " + why);
    }
}
