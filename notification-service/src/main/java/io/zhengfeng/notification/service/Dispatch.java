package io.zhengfeng.notification.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something to tell some audiences, once: {@code dedupKey} names the cause (an event, a timer
 * firing, a day's digest) so that telling it again changes nothing.
 *
 * @param urgent delivered even in the recipients' quiet hours (escalations)
 */
public record Dispatch(String dedupKey, NotificationType type, String subjectType, UUID subjectId,
        Map<String, Object> params, List<Audience> audiences, boolean urgent) {
}
