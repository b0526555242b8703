package io.zhengfeng.notification.service;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a notification is about; the code is its stable name in the API, templates and webhooks. */
public enum NotificationType {
    COMPLAINT_NEW("complaint.new"),
    DEADLINE_REMINDER("deadline.reminder"),
    DEADLINE_OVERDUE("deadline.overdue"),
    DEADLINE_ESCALATION("deadline.escalation"),
    DIGEST_DAILY("digest.daily");

    private final String code;

    NotificationType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<NotificationType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(NotificationType::code).toList();
    }
}
