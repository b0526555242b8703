package io.zhengfeng.complaint.rest;

import java.time.LocalDate;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.complaint.service.ComplaintStatistics;
import io.zhengfeng.complaint.service.PublicColumn;
import io.zhengfeng.complaint.service.Views;

/** 民主评议政风行风专栏, unauthenticated: published replies and the figures per department. */
@Path("/api/public")
@PermitAll
@Tag(name = "Public column")
public class PublicColumnResource {
    private final ComplaintStatistics statistics;
    private final PublicColumn publicColumn;

    public PublicColumnResource(ComplaintStatistics statistics, PublicColumn publicColumn) {
        this.statistics = statistics;
        this.publicColumn = publicColumn;
    }

    @GET
    @Path("/stats")
    @Operation(summary = "On-time and satisfaction figures per department")
    public Views.Stats stats(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        return StatisticsResource.period(statistics, from, to, null);
    }

    @GET
    @Path("/replies")
    @Operation(summary = "Published replies to citizens' messages, personal data redacted")
    public Views.PageOf<Views.PublicReply> replies(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return publicColumn.replies(page, size);
    }
}
