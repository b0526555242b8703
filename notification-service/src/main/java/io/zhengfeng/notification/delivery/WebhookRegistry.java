package io.zhengfeng.notification.delivery;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.zhengfeng.notification.persistence.Webhook;
import io.zhengfeng.notification.persistence.WebhookRepository;
import io.zhengfeng.notification.service.NotificationType;
import io.zhengfeng.platform.problem.ProblemException;

/** Admin's registrations of third-party webhooks; each receives the notification types it names from then on. */
@ApplicationScoped
public class WebhookRegistry {
    private static final Logger LOG = Logger.getLogger(WebhookRegistry.class);

    private final WebhookRepository webhooks;
    private final WebhookTargets targets;
    private final Clock clock;

    public WebhookRegistry(WebhookRepository webhooks, WebhookTargets targets, Clock clock) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * The target's DNS lookup runs before the transaction, holding no database connection.
     *
     * @throws ProblemException 400 naming {@code url} or {@code eventTypes}
     */
    public Webhook register(String url, String secret, List<String> eventTypes, String registeredBy) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : eventTypes) {
            if (NotificationType.of(type).isEmpty()) {
                throw ProblemException.badField("eventTypes",
                        "unknown notification type '" + type + "'; known: " + String.join(", ", NotificationType.codes()));
            }
            types.add(type);
        }
        String target = url.strip();
        targets.refusal(target).ifPresent(reason -> {
            throw ProblemException.badField("url", reason);
        });
        Webhook hook = new Webhook();
        hook.id = UUID.randomUUID();
        hook.url = target;
        hook.secret = secret;
        hook.eventTypes = String.join(",", types);
        hook.active = true;
        hook.createdBy = registeredBy;
        hook.createdAt = clock.instant();
        QuarkusTransaction.joiningExisting().run(() -> webhooks.persist(hook));
        LOG.infof("Webhook %s registered by %s for %s", hook.id, registeredBy, hook.eventTypes);
        return hook;
    }

    /** Stops calls to the webhook; its deliveries still pending are dead-lettered at their next attempt. */
    @Transactional
    public void deactivate(UUID id, String by) {
        Webhook hook = webhooks.find(id).orElseThrow(() -> ProblemException.notFound("Webhook " + id));
        if (hook.active) {
            hook.active = false;
            LOG.infof("Webhook %s deactivated by %s", id, by);
        }
    }
}
