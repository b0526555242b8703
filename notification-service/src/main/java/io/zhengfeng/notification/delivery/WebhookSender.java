package io.zhengfeng.notification.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.Webhook;
import io.zhengfeng.notification.persistence.WebhookRepository;
import io.zhengfeng.notification.service.Json;

/**
 * Calls a registered webhook ({@code webhook:<id>}): a JSON POST signed with the webhook's secret.
 * The receiver checks {@code X-Zhengfeng-Signature} (HMAC-SHA256 of the exact body bytes) and drops
 * duplicates by {@code X-Zhengfeng-Delivery}, the notification id, which a retry keeps.
 * Redirects are not followed: they would lead the call past the target check.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {
    public static final String SIGNATURE_HEADER = "X-Zhengfeng-Signature";
    public static final String DELIVERY_HEADER = "X-Zhengfeng-Delivery";
    /** Seconds since the epoch of this attempt; lets a receiver refuse stale replays. */
    public static final String TIMESTAMP_HEADER = "X-Zhengfeng-Timestamp";
    private static final String WEBHOOK_PREFIX = "webhook:";

    /** The body a receiver gets; {@code params} are the notification's, free of personal data. */
    public record Body(UUID id, String type, String subjectType, UUID subjectId, Map<String, Object> params,
            Instant createdAt) {
    }

    private final WebhookRepository webhooks;
    private final WebhookTargets targets;
    private final ObjectMapper mapper;
    private final Json json;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookSender(WebhookRepository webhooks, WebhookTargets targets, ObjectMapper mapper, Json json, Clock clock,
            NotificationConfig config) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.mapper = mapper;
        this.json = json;
        this.clock = clock;
        this.timeout = config.webhooks().timeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Send prepare(Notification n) throws DeliveryFailure {
        Webhook hook = webhookOf(n.recipient);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(
                    new Body(n.id, n.type, n.subjectType, n.subjectId, json.readMap(n.params), n.createdAt));
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("the body cannot be written: " + e.getOriginalMessage());
        }
        String url = hook.url;
        String signature = "sha256=" + sign(hook.secret, body);
        return () -> post(url, body, signature, n.id);
    }

    /** Hex HMAC-SHA256 of {@code body} keyed with the webhook's secret (UTF-8). */
    private static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private Webhook webhookOf(String recipient) throws DeliveryFailure {
        UUID id;
        try {
            id = UUID.fromString(recipient.substring(WEBHOOK_PREFIX.length()));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw DeliveryFailure.permanent("not a webhook recipient: " + recipient);
        }
        return webhooks.find(id).filter(h -> h.active)
                .orElseThrow(() -> DeliveryFailure.permanent("the webhook was deactivated"));
    }

    private String post(String url, byte[] body, String signature, UUID notificationId) throws DeliveryFailure {
        var refusal = targets.refusal(url);
        if (refusal.isPresent()) {
            throw DeliveryFailure.transientFailure("target refused: " + refusal.get());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature)
                .header(DELIVERY_HEADER, notificationId.toString())
                .header(TIMESTAMP_HEADER, Long.toString(clock.instant().getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw DeliveryFailure.transientFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.transientFailure("interrupted while calling the webhook", e);
        }
        if (status < 200 || status > 299) {
            throw DeliveryFailure.transientFailure("HTTP " + status);
        }
        return "HTTP " + status;
    }
}
