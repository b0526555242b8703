package io.zhengfeng.notification.persistence;

/** The steps of the deadline ladder, in the order they fire. */
public enum Rung {
    /** Before the deadline, to whoever must act. */
    REMINDER,
    /** At the deadline: alert and {@code deadline.breached}. */
    OVERDUE,
    /** Some working days after it: supervision (督办) by leaders and supervisors. */
    ESCALATION
}
