package io.zhengfeng.inspection.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.inspection.report.SelfInspectionReport;
import io.zhengfeng.inspection.service.Campaigns;
import io.zhengfeng.inspection.service.Views;

@Path("/api/inspections/campaigns")
@Tag(name = "Campaigns", description = "The yearly appraisal: plan, bodies, phases, report")
public class CampaignResource {
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final Campaigns campaigns;
    private final SelfInspectionReport report;

    public CampaignResource(Campaigns campaigns, SelfInspectionReport report) {
        this.campaigns = campaigns;
        this.report = report;
    }

    @GET
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public io.zhengfeng.inspection.service.Paged<Views.Campaign> list(
            @jakarta.ws.rs.QueryParam("page") @jakarta.ws.rs.DefaultValue("0") int page,
            @jakarta.ws.rs.QueryParam("size") @jakarta.ws.rs.DefaultValue("20") int size) {
        return campaigns.list(page, size);
    }

    @POST
    @RolesAllowed({ "inspector", "leader", "admin" })
    @Operation(summary = "A campaign; phases default to 宣传发动 → 自查自评 → 整改 → 总结")
    public Response create(Campaigns.CampaignInput body) {
        return Response.status(201).entity(campaigns.create(body)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Views.Campaign get(@PathParam("id") String id) {
        return campaigns.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ "inspector", "leader", "admin" })
    @Operation(summary = "Changes the fields sent: plan, phases, leading group, task force, report texts")
    public Views.Campaign update(@PathParam("id") String id, Campaigns.CampaignInput body) {
        return campaigns.update(id, body);
    }

    @POST
    @Path("/{id}/phase")
    @RolesAllowed({ "inspector", "leader", "admin" })
    public Views.Campaign phase(@PathParam("id") String id, Requests.PhaseChange body) {
        return campaigns.moveTo(id, body == null ? null : body.phase());
    }

    @GET
    @Path("/{id}/report.docx")
    @Produces(DOCX)
    @RolesAllowed({ "inspector", "supervisor", "leader", "admin" })
    @Operation(summary = "The self-inspection report (自查自纠报告) as Word, for the bureau to edit")
    public Response docx(@PathParam("id") String id) {
        byte[] doc = report.docx(id);
        return Response.ok(doc, DOCX).header("Content-Disposition", "attachment; filename=\"self-inspection-report.docx\"").build();
    }

    @GET
    @Path("/{id}/report.html")
    @Produces("text/html;charset=UTF-8")
    @RolesAllowed({ "inspector", "supervisor", "leader", "admin" })
    public String html(@PathParam("id") String id) {
        return report.html(id);
    }
}
