package io.zhengfeng.notification.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.notification.persistence.Notification;

/** The one shape an inbox item has, in the inbox listing and on the live stream. */
@ApplicationScoped
public class InboxItems {

    public record Item(UUID id, String type, String subjectType, UUID subjectId, String trackingNumber,
            Map<String, Object> params, boolean urgent, boolean read, Instant createdAt) {
    }

    private final Json json;

    public InboxItems(Json json) {
        this.json = json;
    }

    public Item of(Notification n, boolean read) {
        Map<String, Object> params = n.params == null ? Map.of() : json.readMap(n.params);
        Object tracking = params.get("trackingNumber");
        return new Item(n.id, n.type, n.subjectType, n.subjectId, tracking == null ? null : tracking.toString(), params,
                n.urgent, read, n.createdAt);
    }
}
