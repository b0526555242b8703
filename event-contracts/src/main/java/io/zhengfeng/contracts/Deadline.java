package io.zhengfeng.contracts;

import java.time.Instant;

/**
 * An open deadline of an aggregate, as an instant computed by its owning service.
 * The notification service keeps one timer per (subject, kind).
 *
 * @param kind    one of the constants below
 * @param startAt when the span started (the reminder fires when 75 % of it has passed)
 * @param dueAt   close of business of the last working day
 * @param provisional {@code true} when the span reaches a year without holiday data: counted
 *                Monday–Friday, recomputed (and republished) when that year is loaded. Absent in
 *                older events, read as {@code false}.
 */
public record Deadline(String kind, Instant startAt, Instant dueAt, boolean provisional) {

    /** A deadline computed on a fully known calendar (kept: producers written before {@code provisional}). */
    public Deadline(String kind, Instant startAt, Instant dueAt) {
        this(kind, startAt, dueAt, false);
    }

    public static final String ACCEPTANCE = "acceptance";
    public static final String REPLY = "reply";
    public static final String FOLLOW_UP = "follow_up";
    public static final String RECTIFICATION = "rectification";
    /** A survey opens (startAt = dueAt = the opening instant): fires at the instant, alerts nobody. */
    public static final String SURVEY_OPENING = "survey_opening";
    /** A survey closes (startAt = dueAt = the closing instant): fires at the instant, alerts nobody. */
    public static final String SURVEY_CLOSING = "survey_closing";
}
