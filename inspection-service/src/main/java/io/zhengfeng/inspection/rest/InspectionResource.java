package io.zhengfeng.inspection.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.inspection.service.Findings;
import io.zhengfeng.inspection.service.Inspections;
import io.zhengfeng.inspection.service.Paged;
import io.zhengfeng.inspection.service.Views;

/**
 * Inspections. An undercover inspection of a department is answered 404 to that department's
 * staff on every path here, in lists and in counts, until it is published.
 */
@Path("/api/inspections")
@Tag(name = "Inspections", description = "self, peer 横向互查, spot 纵向抽查, open 明查, undercover 暗访")
public class InspectionResource {
    private final Inspections inspections;
    private final Findings findings;
    private final io.zhengfeng.inspection.service.Dashboard dashboard;

    public InspectionResource(Inspections inspections, Findings findings, io.zhengfeng.inspection.service.Dashboard dashboard) {
        this.inspections = inspections;
        this.findings = findings;
        this.dashboard = dashboard;
    }

    @GET
    @Path("/dashboard")
    @RolesAllowed({ "inspector", "supervisor", "leader", "admin" })
    @Operation(summary = "The leading group's overview: inspections by type and status, findings and orders by state")
    public io.zhengfeng.inspection.service.Dashboard.Figures dashboard() {
        return dashboard.figures();
    }

    @POST
    @RolesAllowed({ "inspector", "admin", "dept_head" })
    @Operation(summary = "Plans an inspection; a peer inspection's inspecting department must differ from the target")
    public Response plan(Inspections.Plan body) {
        return Response.status(201).entity(inspections.plan(body)).build();
    }

    @GET
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Paged<Views.Inspection> list(@QueryParam("campaignId") String campaignId, @QueryParam("type") String type,
            @QueryParam("status") String status, @QueryParam("department") String department,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return inspections.list(new Inspections.Filter(campaignId, type, status, department), page, size);
    }

    public record Count(long count) {
    }

    @GET
    @Path("/count")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Count count(@QueryParam("campaignId") String campaignId, @QueryParam("type") String type,
            @QueryParam("status") String status, @QueryParam("department") String department) {
        return new Count(inspections.count(new Inspections.Filter(campaignId, type, status, department)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Views.Inspection get(@PathParam("id") String id) {
        return inspections.get(id);
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({ "inspector", "admin", "dept_head" })
    public Views.Inspection start(@PathParam("id") String id) {
        return inspections.start(id);
    }

    @PUT
    @Path("/{id}/answers")
    @RolesAllowed({ "inspector", "admin", "dept_head" })
    @Operation(summary = "Answers template items: compliant, finding or not_applicable, with notes")
    public Views.Inspection answer(@PathParam("id") String id, Requests.Answers body) {
        return inspections.answer(id, body == null ? null : body.answers());
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed({ "inspector", "admin", "dept_head" })
    public Views.Inspection complete(@PathParam("id") String id, Requests.Completion body) {
        return inspections.complete(id, body == null ? null : body.notes());
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({ "inspector", "admin" })
    @Operation(summary = "Publishes a completed inspection's redacted summary; an undercover one becomes visible to its department")
    public Views.Inspection publish(@PathParam("id") String id, Requests.Publish body) {
        return inspections.publish(id, body == null ? null : body.summary());
    }

    @GET
    @Path("/{id}/findings")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Paged<Views.Finding> findings(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return findings.list(id, null, page, size);
    }

    @POST
    @Path("/{id}/findings")
    @RolesAllowed({ "inspector", "supervisor", "admin", "dept_head" })
    public Response record(@PathParam("id") String id, Findings.NewFinding body) {
        return Response.status(201).entity(findings.record(id, body)).build();
    }
}
