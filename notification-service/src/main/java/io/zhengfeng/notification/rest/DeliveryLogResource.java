package io.zhengfeng.notification.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.notification.delivery.Deliveries;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.DeliveryStatus;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/** The delivery log: every notification on every channel, its attempts and outcome; admin only. */
@Path("/api/notifications/deliveries")
@Tag(name = "Delivery log")
@RolesAllowed(Roles.ADMIN)
public class DeliveryLogResource {

    /** One log entry. {@code recipient} is {@code user:<name>}, {@code role:<role>[@<dept>]} or {@code webhook:<id>}. */
    public record DeliveryView(UUID id, Channel channel, String recipient, String type, String subjectType,
            UUID subjectId, DeliveryStatus status, int attempts, Instant nextAttemptAt, String lastError, String firedBy,
            Instant createdAt, Instant deliveredAt) {
        static DeliveryView of(Notification n) {
            return new DeliveryView(n.id, n.channel, n.recipient, n.type, n.subjectType, n.subjectId, n.status, n.attempts,
                    n.nextAttemptAt, n.lastError, n.firedBy, n.createdAt, n.deliveredAt);
        }
    }

    private final NotificationRepository notifications;
    private final Deliveries deliveries;

    public DeliveryLogResource(NotificationRepository notifications, Deliveries deliveries) {
        this.notifications = notifications;
        this.deliveries = deliveries;
    }

    @GET
    @Transactional
    @Operation(summary = "The delivery log, newest first; filters channel, status, recipient, subjectId")
    public Paged<DeliveryView> log(@QueryParam("channel") String channel, @QueryParam("status") String status,
            @QueryParam("recipient") String recipient, @QueryParam("subjectId") String subjectId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Optional<Channel> byChannel = code("channel", channel, Channel.class);
        Optional<DeliveryStatus> byStatus = code("status", status, DeliveryStatus.class);
        Optional<String> byRecipient = Optional.ofNullable(recipient).filter(r -> !r.isBlank());
        Optional<UUID> bySubject = uuid("subjectId", subjectId);
        int pageNo = Paged.pageNumber(page);
        int pageSize = Paged.pageSize(size);
        List<DeliveryView> items = notifications.log(byChannel, byStatus, byRecipient, bySubject, pageNo, pageSize)
                .stream().map(DeliveryView::of).toList();
        return new Paged<>(items, pageNo, pageSize, notifications.countLog(byChannel, byStatus, byRecipient, bySubject));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Send a dead-lettered delivery again (409 unless it is DEAD)")
    public DeliveryView retry(@PathParam("id") UUID id) {
        return DeliveryView.of(deliveries.retry(id));
    }

    private static <E extends Enum<E>> Optional<E> code(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(field, "must be one of " + List.of(type.getEnumConstants()));
        }
    }

    private static Optional<UUID> uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(field, "is not a UUID");
        }
    }
}
