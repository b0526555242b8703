package io.zhengfeng.inspection.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.inspection.service.Paged;
import io.zhengfeng.inspection.service.PublicColumn;
import io.zhengfeng.inspection.service.Views;

/** The public column: no token needed, redacted content. */
@Path("/api/inspections/public")
@Tag(name = "Public column", description = "民主评议政风行风专栏: work updates, self-found problems, published inspections")
public class PublicColumnResource {
    private final PublicColumn column;

    public PublicColumnResource(PublicColumn column) {
        this.column = column;
    }

    @GET
    @Path("/updates")
    @PermitAll
    @Operation(summary = "工作动态, newest first")
    public Paged<Views.WorkUpdate> updates(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return column.updates(page, size);
    }

    @POST
    @Path("/updates")
    @RolesAllowed({ "inspector", "leader", "admin" })
    public Response publish(PublicColumn.NewUpdate body) {
        return Response.status(201).entity(column.publish(body)).build();
    }

    @GET
    @Path("/problems")
    @PermitAll
    @Operation(summary = "自查问题 with their rectification measures and status")
    public Paged<Views.PublicProblem> problems(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return column.problems(page, size);
    }

    @GET
    @Path("/inspections")
    @PermitAll
    @Operation(summary = "Published inspections, e.g. ?type=undercover for 暗访 results")
    public Paged<Views.PublicInspection> inspections(@QueryParam("type") String type,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return column.inspections(type, page, size);
    }
}
