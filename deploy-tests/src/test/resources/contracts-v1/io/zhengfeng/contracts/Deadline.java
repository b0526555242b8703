package io.zhengfeng.contracts;

import java.time.Instant;

/**
 * An open deadline of an aggregate, as an instant computed by its owning service.
 * The notification service keeps one timer per (subject, kind).
 *
 * @param kind    one of the constants below
 * @param startAt when the span started (the reminder fires when 75 % of it has passed)
 * @param dueAt   close of business of the last working day
 */
public record Deadline(String kind, Instant startAt, Instant dueAt) {
    public static final String ACCEPTANCE = "acceptance";
    public static final String REPLY = "reply";
    public static final String FOLLOW_UP = "follow_up";
    public static final String RECTIFICATION = "rectification";
}
