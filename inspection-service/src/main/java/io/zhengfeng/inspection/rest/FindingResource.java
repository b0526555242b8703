package io.zhengfeng.inspection.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.inspection.service.Findings;
import io.zhengfeng.inspection.service.Paged;
import io.zhengfeng.inspection.service.Rectifications;
import io.zhengfeng.inspection.service.Views;

@Path("/api/inspections/findings")
@Tag(name = "Findings", description = "Problems found, their evidence and rectification orders")
public class FindingResource {
    private final Findings findings;
    private final Rectifications rectifications;

    public FindingResource(Findings findings, Rectifications rectifications) {
        this.findings = findings;
        this.rectifications = rectifications;
    }

    @GET
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Paged<Views.Finding> list(@QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return findings.list(null, status, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Views.Finding get(@PathParam("id") String id) {
        return findings.get(id);
    }

    @POST
    @Path("/{id}/evidence")
    @Consumes("*/*")
    @RolesAllowed({ "inspector", "supervisor", "admin" })
    @Operation(summary = "Uploads one attachment as the raw body (image/jpeg, image/png, application/pdf); 413 over the limit, 415 other types")
    public Response evidence(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            @HeaderParam("Content-Length") Long length, @QueryParam("filename") String filename, InputStream body) {
        return Response.status(201).entity(findings.attach(id, body, type, length, filename)).build();
    }

    @GET
    @Path("/{id}/orders")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Paged<Views.Order> orders(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return rectifications.list(id, null, null, page, size);
    }

    @POST
    @Path("/{id}/orders")
    @RolesAllowed({ "inspector", "admin" })
    @Operation(summary = "A rectification order (整改): measure, owner, department, due date (close of business)")
    public Response order(@PathParam("id") String id, Rectifications.NewOrder body) {
        return Response.status(201).entity(rectifications.order(id, body)).build();
    }
}
