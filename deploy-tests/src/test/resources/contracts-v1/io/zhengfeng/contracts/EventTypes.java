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

    public static final String DEADLINE_BREACHED = PREFIX + "deadline.breached.v1";
    public static final String NOTIFICATION_DELIVERED = PREFIX + "notification.delivered.v1";
    public static final String NOTIFICATION_FAILED = PREFIX + "notification.failed.v1";

    public static String complaint(String happened) {
        return PREFIX + "complaint." + happened + ".v1";
    }

    private EventTypes() {
    }
}
