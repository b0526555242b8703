package io.zhengfeng.contracts;

/** One topic per owning service (DESIGN.md "Events"); record key = the aggregate's id. */
public final class Topics {
    public static final String COMPLAINTS = "zhengfeng.complaints";
    public static final String SURVEYS = "zhengfeng.surveys";
    public static final String INSPECTIONS = "zhengfeng.inspections";
    public static final String NOTIFICATIONS = "zhengfeng.notifications";
    /** Staff accounts, published by the gateway: the directory other services resolve recipients from. */
    public static final String ACCOUNTS = "zhengfeng.accounts";
    /**
     * The working-day calendar, published by complaint-service (its owner): one record per change,
     * keyed by the year, each carrying the whole year ({@link CalendarYearEvent}). Read by every
     * replica of every service without a consumer group, from the beginning.
     */
    public static final String CALENDAR = "zhengfeng.calendar";

    /** Where a consumer parks a record it cannot apply, so the partition keeps moving. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}
