package io.zhengfeng.complaint.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.complaint.service.ComplaintStatistics;
import io.zhengfeng.complaint.service.PublicColumn;
import io.zhengfeng.complaint.service.Views;
import io.zhengfeng.platform.problem.ProblemException;

/** Figures for staff and, unauthenticated, for the public column. */
@Path("/api")
@Tag(name = "Statistics and public column")
public class StatisticsResource {
    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");

    private final ComplaintStatistics statistics;
    private final PublicColumn publicColumn;

    public StatisticsResource(ComplaintStatistics statistics, PublicColumn publicColumn) {
        this.statistics = statistics;
        this.publicColumn = publicColumn;
    }

    @GET
    @Path("/complaints/stats")
    @RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    @Operation(summary = "Received, on-time and satisfaction figures per department for a period (dates, Asia/Shanghai)")
    public Views.Stats stats(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("department") String department) {
        return period(from, to, department);
    }

    @GET
    @Path("/public/stats")
    @PermitAll
    public Views.Stats publicStats(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        return period(from, to, null);
    }

    @GET
    @Path("/public/replies")
    @PermitAll
    @Operation(summary = "Published replies to citizens' messages, personal data redacted")
    public Views.PageOf<Views.PublicReply> replies(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return publicColumn.replies(page, size);
    }

    /** Defaults to the current calendar year; {@code to} is inclusive. */
    private Views.Stats period(LocalDate from, LocalDate to, String department) {
        LocalDate today = LocalDate.now(BUREAU);
        LocalDate start = from != null ? from : today.withDayOfYear(1);
        LocalDate end = to != null ? to : today;
        if (end.isBefore(start)) {
            throw ProblemException.badField("to", "must not be before from");
        }
        Instant fromInstant = start.atStartOfDay(BUREAU).toInstant();
        Instant toInstant = end.plusDays(1).atStartOfDay(BUREAU).toInstant();
        return statistics.forPeriod(fromInstant, toInstant, department);
    }
}
