package io.zhengfeng.notification.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.notification.delivery.WebhookRegistry;
import io.zhengfeng.notification.persistence.Webhook;
import io.zhengfeng.notification.persistence.WebhookRepository;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/** Third-party webhooks, managed by admin. The secret is write-only: no response ever contains it. */
@Path("/api/notifications/webhooks")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {

    /**
     * @param secret     HMAC key the receiver verifies {@code X-Zhengfeng-Signature} with
     * @param eventTypes notification type codes, e.g. {@code complaint.new}, {@code deadline.overdue}
     */
    public record NewWebhook(
            @NotBlank @Size(max = 2000) String url,
            @NotNull @Size(min = 16, max = 200, message = "must be 16 to 200 characters") String secret,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> eventTypes) {
    }

    public record WebhookView(UUID id, String url, List<String> eventTypes, boolean active, String createdBy,
            Instant createdAt) {
        static WebhookView of(Webhook w) {
            return new WebhookView(w.id, w.url, List.of(w.eventTypes.split(",")), w.active, w.createdBy, w.createdAt);
        }
    }

    private final WebhookRegistry registry;
    private final WebhookRepository webhooks;
    private final CurrentUser user;

    public WebhookResource(WebhookRegistry registry, WebhookRepository webhooks, CurrentUser user) {
        this.registry = registry;
        this.webhooks = webhooks;
        this.user = user;
    }

    @POST
    @Operation(summary = "Register a webhook for some notification types; the target must be a public http(s) address")
    public Response register(@Valid @NotNull NewWebhook request) {
        Webhook hook = registry.register(request.url(), request.secret(), request.eventTypes(), user.username());
        return Response.created(URI.create("/api/notifications/webhooks/" + hook.id)).entity(WebhookView.of(hook)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "Active webhooks, newest first")
    public Paged<WebhookView> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        int pageNo = Paged.pageNumber(page);
        int pageSize = Paged.pageSize(size);
        List<WebhookView> items = webhooks.page(pageNo, pageSize).stream().map(WebhookView::of).toList();
        return new Paged<>(items, pageNo, pageSize, webhooks.countActive());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Deactivate a webhook: it receives nothing more")
    public Response deactivate(@PathParam("id") UUID id) {
        registry.deactivate(id, user.username());
        return Response.noContent().build();
    }
}
