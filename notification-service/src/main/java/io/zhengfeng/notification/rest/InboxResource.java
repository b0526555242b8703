package io.zhengfeng.notification.rest;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.notification.persistence.InboxQueries;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.service.Audience;
import io.zhengfeng.notification.service.Json;
import io.zhengfeng.platform.security.CurrentUser;

/** The in-app inbox: items for the user and for each role they hold, newest first. */
@Path("/api/notifications/inbox")
@Tag(name = "Inbox")
public class InboxResource {
    private static final int MAX_PAGE = 100;

    public record Item(UUID id, long seq, String type, String subjectType, UUID subjectId, String trackingNumber,
            Map<String, Object> params, boolean urgent, boolean read, Instant createdAt) {
    }

    public record Page(List<Item> items, int page, int size, long total) {
    }

    private final InboxQueries inbox;
    private final CurrentUser user;
    private final Json json;

    public InboxResource(InboxQueries inbox, CurrentUser user, Json json) {
        this.inbox = inbox;
        this.user = user;
        this.json = json;
    }

    @GET
    @RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    @Transactional
    @Operation(summary = "My inbox and my roles' inbox; filters unread, type, since")
    public Page list(@QueryParam("unread") @DefaultValue("false") boolean unread, @QueryParam("type") String type,
            @QueryParam("since") Instant since, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        int pageSize = Math.min(Math.max(size, 1), MAX_PAGE);
        int pageNo = Math.max(page, 0);
        Set<String> addresses = Audience.addressesOf(user.username(), user.roles(), user.department());
        InboxQueries.Filter filter = new InboxQueries.Filter(unread, Optional.ofNullable(type), Optional.ofNullable(since));
        List<Notification> rows = inbox.page(user.username(), addresses, filter, pageNo, pageSize);
        Set<Long> read = inbox.readAmong(user.username(), rows.stream().map(n -> n.seq).toList());
        List<Item> items = rows.stream().map(n -> {
            Map<String, Object> params = n.params == null ? Map.of() : json.readMap(n.params);
            Object tracking = params.get("trackingNumber");
            return new Item(n.id, n.seq, n.type, n.subjectType, n.subjectId, tracking == null ? null : tracking.toString(),
                    params, n.urgent, read.contains(n.seq), n.createdAt);
        }).toList();
        return new Page(items, pageNo, pageSize, inbox.count(user.username(), addresses, filter));
    }

    @GET
    @Path("/unread-count")
    @RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    @Transactional
    public Map<String, Long> unreadCount() {
        Set<String> addresses = Audience.addressesOf(user.username(), user.roles(), user.department());
        return Map.of("unread", inbox.count(user.username(), addresses, InboxQueries.Filter.unread()));
    }
}
