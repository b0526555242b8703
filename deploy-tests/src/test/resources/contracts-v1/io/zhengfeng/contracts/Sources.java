package io.zhengfeng.contracts;

/** CloudEvents {@code source} of each producing service. */
public final class Sources {
    public static final String COMPLAINT_SERVICE = "/zhengfeng/complaint-service";
    public static final String SURVEY_SERVICE = "/zhengfeng/survey-service";
    public static final String INSPECTION_SERVICE = "/zhengfeng/inspection-service";
    public static final String NOTIFICATION_SERVICE = "/zhengfeng/notification-service";

    public static String of(String applicationName) {
        return "/zhengfeng/" + applicationName;
    }

    private Sources() {
    }
}
