package io.zhengfeng.complaint.open311;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;

/** The administrator's side of Open311: issue, list and revoke front ends' api keys (all audited). */
@Path("/api/complaints/open311-keys")
@Tag(name = "Open311 GeoReport v2")
@RolesAllowed("admin")
public class Open311KeyResource {
    public record NewKey(@NotBlank @Size(max = 100) @Schema(maxLength = 100) String name) {
    }

    private final Open311Keys keys;
    private final CurrentUser user;

    public Open311KeyResource(Open311Keys keys, CurrentUser user) {
        this.keys = keys;
        this.user = user;
    }

    @POST
    @Operation(summary = "Issue an api_key for an Open311 front end; it is shown this once only")
    public Response issue(@Valid @NotNull NewKey body) {
        return Response.status(201).entity(keys.issue(body.name(), user.username())).build();
    }

    @GET
    @Operation(summary = "The front ends' keys, active and revoked (never the keys themselves)")
    public List<Open311Keys.KeyView> list() {
        return keys.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a front end's api_key: it is refused (403) from the next request on")
    public Response revoke(@PathParam("id") UUID id) {
        if (!keys.revoke(id.toString())) {
            throw ProblemException.notFound("Open311 key " + id);
        }
        return Response.noContent().build();
    }
}
