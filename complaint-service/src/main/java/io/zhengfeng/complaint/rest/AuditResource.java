package io.zhengfeng.complaint.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zhengfeng.complaint.persistence.AuditEntry;
import io.zhengfeng.complaint.service.Views;

/** The audit trail, for the leading group and the administrator only. */
@Path("/api/complaints/audit")
@Tag(name = "Audit")
public class AuditResource {
    private static final int MAX_PAGE = 200;

    @GET
    @RolesAllowed({ "leader", "admin" })
    public Views.PageOf<Views.AuditView> list(@QueryParam("subjectId") UUID subjectId, @QueryParam("action") String action,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        int pageSize = Math.min(Math.max(size, 1), MAX_PAGE);
        StringBuilder where = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (subjectId != null) {
            where.append(" and subjectId = :subject");
            params.put("subject", subjectId.toString());
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action = :action");
            params.put("action", action);
        }
        PanacheQuery<AuditEntry> query = AuditEntry.find(where.toString(), Sort.descending("id"), params);
        List<Views.AuditView> items = query.page(Page.of(Math.max(page, 0), pageSize)).<AuditEntry>stream()
                .map(a -> new Views.AuditView(a.at, a.actor, a.actorRoles, a.action,
                        a.subjectId == null ? null : UUID.fromString(a.subjectId), a.outcome, a.detail, a.requestId))
                .toList();
        return new Views.PageOf<>(items, Math.max(page, 0), pageSize, query.count());
    }
}
