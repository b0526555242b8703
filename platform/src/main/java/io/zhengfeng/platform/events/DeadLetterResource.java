package io.zhengfeng.platform.events;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/**
 * The admin's view of this service's dead letters. Each consuming service exposes it under its own
 * prefix (the gateway routes by prefix) with a subclass carrying only {@code @Path}, e.g.
 * {@code /api/complaints/admin/dead-letters}. The role check sits on each method here: a class-level
 * annotation of the subclass does not cover methods it inherits. SmallRye OpenAPI does not see an
 * inherited {@code @RolesAllowed} either: {@code @SecurityRequirement} states it in the document.
 */
public abstract class DeadLetterResource {
    private final DeadLetters deadLetters;
    private final CurrentUser user;

    protected DeadLetterResource(DeadLetters deadLetters, CurrentUser user) {
        this.deadLetters = deadLetters;
        this.user = user;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "SecurityScheme", scopes = Roles.ADMIN)
    @Operation(summary = "Records this service's consumers parked on dead-letter topics, newest first, with the reason")
    public List<DeadLetters.DeadLetter> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return deadLetters.list(limit);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "SecurityScheme", scopes = Roles.ADMIN)
    @Path("/{topic}/{partition}/{offset}/redrive")
    @Operation(summary = "Applies a parked record again after a fix; applied at most once, whatever the number of re-drives")
    public DeadLetters.Redrive redrive(@PathParam("topic") String topic, @PathParam("partition") @Min(0) int partition,
            @PathParam("offset") @Min(0) long offset) {
        return deadLetters.redrive(topic, partition, offset, user.username());
    }
}
