package io.zhengfeng.inspection.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.inspection.persistence.EvidenceEntity;
import io.zhengfeng.inspection.service.Findings;
import io.zhengfeng.inspection.service.Rectifications;
import io.zhengfeng.platform.problem.ProblemException;

@Path("/api/inspections/evidence")
@Tag(name = "Findings")
public class EvidenceResource {
    private final Findings findings;
    private final Rectifications rectifications;

    public EvidenceResource(Findings findings, Rectifications rectifications) {
        this.findings = findings;
        this.rectifications = rectifications;
    }

    /** The attachment as uploaded; visible to whoever may see its finding or order. */
    @GET
    @Path("/{id}")
    @RolesAllowed({ "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Response download(@PathParam("id") String id) {
        EvidenceEntity e = EvidenceEntity.findById(id == null ? "" : id);
        if (e == null) {
            throw ProblemException.notFound("Evidence " + id);
        }
        try {
            if (e.findingId != null) {
                findings.visible(e.findingId);
            } else {
                rectifications.visible(e.orderId);
            }
        } catch (ProblemException hidden) {
            if (hidden.status() == 404) {
                throw ProblemException.notFound("Evidence " + id);
            }
            throw hidden;
        }
        return Response.ok(e.content, e.contentType).header("X-Content-SHA256", e.sha256)
                .header("Content-Disposition", "attachment; filename=\"" + e.filename.replaceAll("[\"\\\\\\r\\n]", "_") + "\"").build();
    }
}
