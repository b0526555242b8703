package io.zhengfeng.contracts;

/** One topic per owning service (DESIGN.md "Events"); record key = the aggregate's id. */
public final class Topics {
    public static final String COMPLAINTS = "zhengfeng.complaints";
    public static final String SURVEYS = "zhengfeng.surveys";
    public static final String INSPECTIONS = "zhengfeng.inspections";
    public static final String NOTIFICATIONS = "zhengfeng.notifications";

    /** Where a consumer parks a record it cannot apply, so the partition keeps moving. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}
