package io.zhengfeng.complaint.open311;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.platform.security.CurrentUser;

@Path("/api/complaints/open311-keys")
@Tag(name = "Open311 GeoReport v2")
public class Open311KeyResource {
    public record NewKey(@NotBlank @Size(max = 100) String name) {
    }

    private final Open311Keys keys;
    private final CurrentUser user;

    public Open311KeyResource(Open311Keys keys, CurrentUser user) {
        this.keys = keys;
        this.user = user;
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Issue an api_key for an Open311 front end; it is shown this once only")
    public Response issue(@Valid @NotNull NewKey body) {
        return Response.status(201).entity(keys.issue(body.name(), user.username())).build();
    }
}
