package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A staff account as the gateway knows it (payload of {@code account.upserted.v1} and
 * {@code account.disabled.v1}). Lets the notification service resolve "the head of land" or
 * "all supervisors" to people without reading the gateway's tables. Staff data, never a citizen's.
 *
 * @param department null for roles without one (spokesperson, leader, supervisor, …)
 * @param locale     preferred template language, e.g. {@code zh-CN} or {@code en}
 */
public record AccountEvent(
        UUID accountId,
        String username,
        String displayName,
        String email,
        Set<String> roles,
        String department,
        String locale,
        boolean active,
        Instant occurredAt) {
}
