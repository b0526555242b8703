package io.zhengfeng.contracts;

/** CloudEvents {@code type} names: {@code io.zhengfeng.<aggregate>.<happened>.v1}. */
public final class EventTypes {
    private static final String PREFIX = "io.zhengfeng.";

    public static final String COMPLAINT_SUBMITTED = complaint("submitted");
    public static final String COMPLAINT_ACCEPTED = complaint("accepted");
    public static final String COMPLAINT_REJECTED = complaint("rejected");
    public static final String COMPLAINT_ASSIGNED = complaint("assigned");
    public static final String COMPLAINT_TRANSFERRED = complaint("transferred");
    public static final String COMPLAINT_REPLIED = complaint("replied");
    public static final String COMPLAINT_EXTENDED = complaint("extended");
    public static final String COMPLAINT_RATED = complaint("rated");
    public static final String COMPLAINT_REOPENED = complaint("reopened");
    public static final String COMPLAINT_CLOSED = complaint("closed");
    public static final String COMPLAINT_OVERDUE = complaint("overdue");
    /** An open deadline moved because the calendar changed (a provisional deadline recomputed). */
    public static final String COMPLAINT_RESCHEDULED = complaint("rescheduled");

    public static final String ACCOUNT_UPSERTED = PREFIX + "account.upserted.v1";
    public static final String ACCOUNT_DISABLED = PREFIX + "account.disabled.v1";
    /**
     * The account's tokens issued up to {@code occurredAt} are no longer valid (disabled, roles or
     * department changed, password reset); payload {@link AccountEvent}. Every service refuses them.
     */
    public static final String ACCOUNT_TOKENS_REVOKED = PREFIX + "account.tokens-revoked.v1";

    /** A year of the working-day calendar changed; the payload is the whole year. */
    public static final String CALENDAR_YEAR_CHANGED = PREFIX + "calendar.year.changed.v1";

    public static final String SURVEY_SCHEDULED = survey("scheduled");
    public static final String SURVEY_OPENED = survey("opened");
    public static final String SURVEY_CLOSED = survey("closed");
    public static final String SURVEY_PUBLISHED = survey("published");
    public static final String SURVEY_INVITATION_SENT = survey("invitation_sent");
    public static final String SURVEY_REMINDER_DUE = survey("reminder_due");

    public static final String DEADLINE_BREACHED = PREFIX + "deadline.breached.v1";
    public static final String NOTIFICATION_DELIVERED = PREFIX + "notification.delivered.v1";
    public static final String NOTIFICATION_FAILED = PREFIX + "notification.failed.v1";

    public static String complaint(String happened) {
        return PREFIX + "complaint." + happened + ".v1";
    }

    public static String survey(String happened) {
        return PREFIX + "survey." + happened + ".v1";
    }

    private EventTypes() {
    }
}
