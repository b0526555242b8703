package io.zhengfeng.notification.service;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.template.MessageTemplates;

/**
 * The one shape an inbox item has, in the inbox listing and on the live stream: the data a front end
 * needs to link to the subject, and a ready title in the reader's language.
 */
@ApplicationScoped
public class InboxItems {

    public record Item(UUID id, String type, String title, String subjectType, UUID subjectId, String trackingNumber,
            Map<String, Object> params, boolean urgent, boolean read, Instant createdAt) {
    }

    private final Json json;
    private final MessageTemplates templates;

    public InboxItems(Json json, MessageTemplates templates) {
        this.json = json;
        this.templates = templates;
    }

    /** @param acceptLanguage the reader's {@code Accept-Language}; null or unknown for the default language */
    public Item of(Notification n, boolean read, String acceptLanguage) {
        Map<String, Object> params = n.params == null ? Map.of() : json.readMap(n.params);
        Object tracking = params.get("trackingNumber");
        String title = templates.render(n.type, language(acceptLanguage), params).subject();
        return new Item(n.id, n.type, title, n.subjectType, n.subjectId, tracking == null ? null : tracking.toString(),
                params, n.urgent, read, n.createdAt);
    }

    private static String language(String acceptLanguage) {
        try {
            return acceptLanguage == null || acceptLanguage.isBlank() ? null
                    : Locale.LanguageRange.parse(acceptLanguage).get(0).getRange();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
