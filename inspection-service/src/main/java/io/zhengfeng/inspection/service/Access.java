package io.zhengfeng.inspection.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.inspection.persistence.FindingEntity;
import io.zhengfeng.inspection.persistence.InspectionEntity;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/**
 * Who may see what. Inspectors, supervisors, leaders and admins read everything. Department staff
 * (handler, dept_head) see what concerns their department, except an undercover inspection of their
 * own department before it is published: for them it does not exist (404, never 403, so its
 * existence does not leak), nor do its findings and orders.
 */
@ApplicationScoped
public class Access {
    /** JPQL condition on inspection alias {@code i}: hidden from department {@code :dept}. */
    public static final String HIDDEN_FROM_DEPT = "(i.type = 'undercover' and i.publishedAt is null and i.targetDepartment = :dept)";

    private final CurrentUser user;

    public Access(CurrentUser user) {
        this.user = user;
    }

    public boolean readsAll() {
        return user.hasAnyRole(Roles.INSPECTOR, Roles.SUPERVISOR, Roles.LEADER, Roles.ADMIN);
    }

    /** The department a caller is confined to; empty for those who read everything. 403 for others. */
    public Optional<String> scope() {
        if (readsAll()) {
            return Optional.empty();
        }
        if (user.hasAnyRole(Roles.HANDLER, Roles.DEPT_HEAD)) {
            return Optional.of(user.department()
                    .orElseThrow(() -> ProblemException.forbidden("A department role needs the dept claim")));
        }
        throw ProblemException.forbidden("Inspections are read by inspectors, supervisors, leaders, admins and the departments concerned");
    }

    public static boolean hiddenFrom(InspectionEntity i, String dept) {
        return i != null && i.undercover() && i.publishedAt == null && dept.equals(i.targetDepartment);
    }

    public boolean canSee(InspectionEntity i) {
        Optional<String> dept = scope();
        if (dept.isEmpty()) {
            return true;
        }
        String d = dept.get();
        return !hiddenFrom(i, d) && (d.equals(i.targetDepartment) || d.equals(i.inspectingDepartment));
    }

    /** @param inspection the finding's inspection, null for a supervisor's finding */
    public boolean canSee(FindingEntity f, InspectionEntity inspection) {
        Optional<String> dept = scope();
        if (dept.isEmpty()) {
            return true;
        }
        String d = dept.get();
        if (hiddenFrom(inspection, d)) {
            return false;
        }
        return d.equals(f.responsibleDepartment) || (inspection != null && canSee(inspection));
    }

    public void requireAny(String what, String... roles) {
        if (!user.hasAnyRole(roles)) {
            throw ProblemException.forbidden(what + " needs one of the roles " + String.join(", ", roles));
        }
    }

    public CurrentUser user() {
        return user;
    }
}
