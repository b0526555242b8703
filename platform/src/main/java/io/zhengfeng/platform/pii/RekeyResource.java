package io.zhengfeng.platform.pii;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/**
 * The admin's handle on a service's personal-data re-encryption after a key rotation; the service's
 * subclass adds only its {@code @Path} ({@code /api/<service>/admin/pii-rekey}). As in
 * {@link io.zhengfeng.platform.events.DeadLetterResource}, the role check sits on each method: neither a
 * subclass's class-level {@code @RolesAllowed} nor SmallRye OpenAPI covers inherited methods.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class RekeyResource {
    private final RekeyRunner runner;
    private final RekeyJob rekey;

    protected RekeyResource(RekeyRunner runner, RekeyJob rekey) {
        this.runner = runner;
        this.rekey = rekey;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "SecurityScheme", scopes = Roles.ADMIN)
    @Operation(summary = "Re-encrypt every personal-data value not under the active key (202; an unfinished run is continued, not restarted)")
    public Response start() {
        return Response.accepted(runner.start()).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "SecurityScheme", scopes = Roles.ADMIN)
    @Operation(summary = "Progress of the most recent run")
    public RekeyJob.Progress latest() {
        return rekey.latest().orElseThrow(() -> ProblemException.notFound("No re-encryption run"));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "SecurityScheme", scopes = Roles.ADMIN)
    @Operation(summary = "Progress of one run")
    public RekeyJob.Progress get(@PathParam("id") UUID id) {
        return rekey.progress(id.toString()).orElseThrow(() -> ProblemException.notFound("Re-encryption run " + id));
    }
}
