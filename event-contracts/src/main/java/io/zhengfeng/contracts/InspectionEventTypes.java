package io.zhengfeng.contracts;

/**
 * CloudEvents {@code type} names published by inspection-service on {@link Topics#INSPECTIONS}
 * (kept apart from {@link EventTypes} so services added at the same time do not edit one file).
 */
public final class InspectionEventTypes {
    private static final String PREFIX = "io.zhengfeng.";

    public static String inspection(String happened) {
        return PREFIX + "inspection." + happened + ".v1";
    }

    public static String finding(String happened) {
        return PREFIX + "finding." + happened + ".v1";
    }

    public static String rectification(String happened) {
        return PREFIX + "rectification." + happened + ".v1";
    }

    public static final String INSPECTION_PLANNED = inspection("planned");
    public static final String INSPECTION_STARTED = inspection("started");
    public static final String INSPECTION_COMPLETED = inspection("completed");
    public static final String INSPECTION_PUBLISHED = inspection("published");

    public static final String FINDING_RECORDED = finding("recorded");
    public static final String FINDING_CLOSED = finding("closed");

    public static final String RECTIFICATION_ORDERED = rectification("ordered");
    public static final String RECTIFICATION_PROGRESSED = rectification("progressed");
    public static final String RECTIFICATION_REPORTED = rectification("reported");
    public static final String RECTIFICATION_REOPENED = rectification("reopened");
    public static final String RECTIFICATION_CLOSED = rectification("closed");
    public static final String RECTIFICATION_OVERDUE = rectification("overdue");

    /** The rectification events that move the order's timer in notification-service. */
    public static final java.util.Set<String> RECTIFICATION_ALL = java.util.Set.of(RECTIFICATION_ORDERED,
            RECTIFICATION_PROGRESSED, RECTIFICATION_REPORTED, RECTIFICATION_REOPENED, RECTIFICATION_CLOSED,
            RECTIFICATION_OVERDUE);

    private InspectionEventTypes() {
    }
}
