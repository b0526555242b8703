package io.zhengfeng.inspection.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.inspection.service.Findings;
import io.zhengfeng.inspection.service.Supervisors;
import io.zhengfeng.inspection.service.Views;

@Path("/api/inspections/supervisors")
@Tag(name = "Supervisors", description = "政风行风监督员: registry, visits, talks, opinions and their findings")
public class SupervisorResource {
    private final Supervisors supervisors;

    public SupervisorResource(Supervisors supervisors) {
        this.supervisors = supervisors;
    }

    @GET
    @RolesAllowed({ "inspector", "supervisor", "leader", "admin" })
    @Operation(summary = "The registry; names and contacts masked except for leaders and admins")
    public io.zhengfeng.inspection.service.Paged<Views.Supervisor> list(
            @jakarta.ws.rs.QueryParam("page") @jakarta.ws.rs.DefaultValue("0") int page,
            @jakarta.ws.rs.QueryParam("size") @jakarta.ws.rs.DefaultValue("20") int size) {
        return supervisors.list(page, size);
    }

    @POST
    @RolesAllowed({ "inspector", "leader", "admin" })
    public Response register(Supervisors.NewSupervisor body) {
        return Response.status(201).entity(supervisors.register(body)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "inspector", "supervisor", "leader", "admin" })
    public Views.Supervisor get(@PathParam("id") String id) {
        return supervisors.get(id);
    }

    @GET
    @Path("/{id}/activities")
    @RolesAllowed({ "inspector", "supervisor", "leader", "admin" })
    public List<Views.Activity> activities(@PathParam("id") String id) {
        return supervisors.activities(id);
    }

    @POST
    @Path("/{id}/activities")
    @RolesAllowed({ "inspector", "supervisor", "admin" })
    @Operation(summary = "A visit, talk or opinion, recorded by the supervisor or for them")
    public Response record(@PathParam("id") String id, Supervisors.NewActivity body) {
        return Response.status(201).entity(supervisors.record(id, body)).build();
    }

    @POST
    @Path("/{id}/activities/{activityId}/findings")
    @RolesAllowed({ "inspector", "supervisor", "admin" })
    public Response finding(@PathParam("id") String id, @PathParam("activityId") String activityId, Findings.NewFinding body) {
        return Response.status(201).entity(supervisors.finding(id, activityId, body)).build();
    }
}
