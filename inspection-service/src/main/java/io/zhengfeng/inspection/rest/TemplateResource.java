package io.zhengfeng.inspection.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.inspection.service.Templates;
import io.zhengfeng.inspection.service.Views;

@Path("/api/inspections/templates")
@Tag(name = "Check templates", description = "六查六看六不让 and other versioned check lists")
public class TemplateResource {
    private final Templates templates;

    public TemplateResource(Templates templates) {
        this.templates = templates;
    }

    @GET
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    @Operation(summary = "Every template version, oldest first; ?code= narrows to one template's versions")
    public List<Views.Template> list(@QueryParam("code") String code) {
        return templates.list(code);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Views.Template get(@PathParam("id") String id) {
        return templates.get(id);
    }

    @POST
    @RolesAllowed({ "inspector", "admin" })
    @Operation(summary = "A new template, or the next version of an existing code")
    public Response create(Templates.NewTemplate body) {
        return Response.status(201).entity(templates.create(body)).build();
    }
}
