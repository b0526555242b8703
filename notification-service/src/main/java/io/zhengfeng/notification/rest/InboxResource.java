package io.zhengfeng.notification.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.InboxQueries;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.notification.service.Audience;
import io.zhengfeng.notification.service.InboxItems;
import io.zhengfeng.notification.service.LiveStream;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.TokenRevocations;

/** The in-app inbox: items for the user and for each role they hold, newest first, and their live stream. */
@Path("/api/notifications/inbox")
@Tag(name = "Inbox")
@RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
public class InboxResource {

    private final InboxQueries inbox;
    private final NotificationRepository notifications;
    private final InboxItems items;
    private final LiveStream stream;
    private final CurrentUser user;
    private final Clock clock;
    private final JsonWebToken jwt;

    public InboxResource(InboxQueries inbox, NotificationRepository notifications, InboxItems items, LiveStream stream,
            CurrentUser user, Clock clock, JsonWebToken jwt) {
        this.jwt = jwt;
        this.inbox = inbox;
        this.notifications = notifications;
        this.items = items;
        this.stream = stream;
        this.user = user;
        this.clock = clock;
    }

    @GET
    @Transactional
    @Operation(summary = "My inbox and my roles' inbox; filters unread, type, since; titles in my Accept-Language")
    public Paged<InboxItems.Item> list(@QueryParam("unread") @DefaultValue("false") boolean unread, @QueryParam("type") String type,
            @QueryParam("since") Instant since, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size, @HeaderParam("Accept-Language") String language) {
        if (page < 0) {
            throw ProblemException.badField("page", "must be 0 or more");
        }
        if (size < 1 || size > Paged.MAX_SIZE) {
            throw ProblemException.badField("size", "must be between 1 and " + Paged.MAX_SIZE);
        }
        InboxQueries.Filter filter = new InboxQueries.Filter(unread, Optional.ofNullable(type), Optional.ofNullable(since));
        List<Notification> rows = inbox.page(user.username(), addresses(), filter, page, size);
        Set<Long> read = inbox.readAmong(user.username(), rows.stream().map(n -> n.seq).toList());
        return new Paged<>(rows.stream().map(n -> items.of(n, read.contains(n.seq), language)).toList(), page, size,
                inbox.count(user.username(), addresses(), filter));
    }

    @GET
    @Path("/unread-count")
    @Transactional
    public Map<String, Long> unreadCount() {
        return Map.of("unread", inbox.count(user.username(), addresses(), InboxQueries.Filter.unread()));
    }

    @POST
    @Path("/{id}/read")
    @Transactional
    @Operation(summary = "Mark one item read (for me; the other holders of a role keep their own marks)")
    public Map<String, Long> markRead(@PathParam("id") UUID id) {
        Notification n = notifications.byId(id)
                .filter(found -> found.channel == Channel.INBOX && addresses().contains(found.recipient))
                .orElseThrow(() -> ProblemException.notFound("inbox item " + id));
        inbox.markRead(user.username(), n.seq, clock.instant());
        return unreadCount();
    }

    @POST
    @Path("/read-all")
    @Transactional
    @Operation(summary = "Mark everything in my inbox read")
    public Map<String, Long> markAllRead() {
        inbox.markAllRead(user.username(), addresses(), clock.instant());
        return unreadCount();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: a 'notification' event for each new item of my inbox, as it is created")
    @APIResponse(responseCode = "200", description = "The stream: ready, then notification events (id = the item's id), end when the token lapses")
    @APIResponse(responseCode = "400", description = "lastEventId is not an item id")
    @APIResponse(responseCode = "429", description = "The user already holds the maximum number of open streams")
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Accept-Language") String language,
            @Parameter(description = "Id of the last item received: what came after it is sent first (EventSource sends it on reconnection)")
            @HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @Parameter(description = "The same, for a client that cannot set the header (a new browser EventSource)")
            @QueryParam("lastEventId") String lastEventIdQuery,
            @Parameter(description = "Language of the titles, for a client that cannot set Accept-Language (zh-CN, en)")
            @QueryParam("lang") String lang) {
        if (lang != null && !lang.isBlank()) {
            language = lang;
        }
        String last = lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdQuery;
        Optional<UUID> lastEventId = Optional.empty();
        if (last != null && !last.isBlank()) {
            try {
                lastEventId = Optional.of(UUID.fromString(last.trim()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badField("lastEventId", "must be the id of an inbox item");
            }
        }
        long issuedAtMillis = TokenRevocations.issuedAtMillis(jwt.getClaim(TokenRevocations.ISSUED_AT_MILLIS), jwt.getIssuedAtTime());
        stream.connect(new LiveStream.Listener(user.username(), addresses(), language, Instant.ofEpochSecond(jwt.getExpirationTime()),
                issuedAtMillis), lastEventId, sink, sse);
    }

    private Set<String> addresses() {
        return Audience.addressesOf(user.username(), user.roles(), user.department());
    }
}
