package io.zhengfeng.notification.service;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import io.zhengfeng.platform.security.Roles;

/**
 * Who an inbox item is addressed to: one user, or everyone holding a role (optionally only in one
 * department). Its {@link #address()} is the notification's {@code recipient}.
 */
public record Audience(String role, String department, String username) {
    /** Roles that only make sense inside a department. */
    private static final Set<String> DEPARTMENT_ROLES = Set.of(Roles.HANDLER, Roles.DEPT_HEAD);

    public static Audience user(String username) {
        return new Audience(null, null, username);
    }

    public static Audience role(String role) {
        return new Audience(role, null, null);
    }

    public static Audience role(String role, String department) {
        return new Audience(role, department, null);
    }

    /**
     * {@code role} as a ladder names it: department roles address the given department's holders,
     * and nobody when there is none yet (an unassigned complaint has no handlers).
     */
    public static Optional<Audience> forRole(String role, String department) {
        if (DEPARTMENT_ROLES.contains(role)) {
            return department == null ? Optional.empty() : Optional.of(role(role, department));
        }
        return Optional.of(role(role));
    }

    public boolean isUser() {
        return username != null;
    }

    public Optional<String> departmentScope() {
        return Optional.ofNullable(department);
    }

    public String address() {
        if (isUser()) {
            return "user:" + username;
        }
        return department == null ? "role:" + role : "role:" + role + "@" + department;
    }

    /** Every address whose items a caller with these roles and department sees. */
    public static Set<String> addressesOf(String username, Set<String> roles, Optional<String> department) {
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(user(username).address());
        for (String r : roles) {
            addresses.add(role(r).address());
            department.ifPresent(d -> addresses.add(role(r, d).address()));
        }
        return addresses;
    }
}
