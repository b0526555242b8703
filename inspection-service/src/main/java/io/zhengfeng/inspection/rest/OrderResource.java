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

import io.zhengfeng.inspection.service.Paged;
import io.zhengfeng.inspection.service.Rectifications;
import io.zhengfeng.inspection.service.Views;

@Path("/api/inspections/orders")
@Tag(name = "Rectification orders", description = "整改: progress, done report, verification of effectiveness")
public class OrderResource {
    private final Rectifications rectifications;

    public OrderResource(Rectifications rectifications) {
        this.rectifications = rectifications;
    }

    @GET
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Paged<Views.Order> list(@QueryParam("status") String status, @QueryParam("overdue") Boolean overdue,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return rectifications.list(null, status, overdue, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Views.Order get(@PathParam("id") String id) {
        return rectifications.get(id);
    }

    @POST
    @Path("/{id}/notes")
    @RolesAllowed({ "handler", "dept_head", "inspector", "admin" })
    public Views.Order note(@PathParam("id") String id, Requests.Text body) {
        return rectifications.note(id, body == null ? null : body.text());
    }

    @POST
    @Path("/{id}/report-done")
    @RolesAllowed({ "handler", "dept_head", "inspector", "admin" })
    @Operation(summary = "The owner reports the measure carried out (attach evidence first)")
    public Views.Order reportDone(@PathParam("id") String id, Requests.Text body) {
        return rectifications.reportDone(id, body == null ? null : body.text());
    }

    @POST
    @Path("/{id}/verify")
    @RolesAllowed({ "inspector", "admin" })
    @Operation(summary = "Effectiveness: effective closes the order; not effective reopens it with newDueDate")
    public Views.Order verify(@PathParam("id") String id, Rectifications.Verification body) {
        return rectifications.verify(id, body);
    }

    @POST
    @Path("/{id}/evidence")
    @Consumes("*/*")
    @RolesAllowed({ "handler", "dept_head", "inspector", "admin" })
    public Response evidence(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            @HeaderParam("Content-Length") Long length, @QueryParam("filename") String filename, InputStream body) {
        return Response.status(201).entity(rectifications.attach(id, body, type, length, filename)).build();
    }
}
