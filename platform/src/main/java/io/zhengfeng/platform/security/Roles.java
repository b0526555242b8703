package io.zhengfeng.platform.security;

import java.util.Set;

/** JWT {@code groups} of DESIGN.md "Who uses it". */
public final class Roles {
    public static final String SPOKESPERSON = "spokesperson";
    public static final String HANDLER = "handler";
    public static final String DEPT_HEAD = "dept_head";
    public static final String INSPECTOR = "inspector";
    public static final String SUPERVISOR = "supervisor";
    public static final String LEADER = "leader";
    public static final String ADMIN = "admin";

    /** Every role above: what an external identity provider's roles may be mapped onto. */
    public static final Set<String> ALL = Set.of(SPOKESPERSON, HANDLER, DEPT_HEAD, INSPECTOR, SUPERVISOR, LEADER, ADMIN);

    /** Claim naming the department of a {@code handler} or {@code dept_head}. */
    public static final String DEPT_CLAIM = "dept";

    private Roles() {
    }
}
