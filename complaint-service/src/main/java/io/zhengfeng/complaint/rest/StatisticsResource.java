package io.zhengfeng.complaint.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.complaint.service.ComplaintStatistics;
import io.zhengfeng.complaint.service.Views;
import io.zhengfeng.platform.problem.ProblemException;

/** On-time and satisfaction figures for staff. */
@Path("/api/complaints/stats")
@Tag(name = "Statistics")
public class StatisticsResource {
    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");

    private final ComplaintStatistics statistics;

    public StatisticsResource(ComplaintStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    @RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    @Operation(summary = "Received, on-time and satisfaction figures per department for a period (dates, Asia/Shanghai)")
    public Views.Stats stats(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("department") String department) {
        return period(statistics, from, to, department);
    }

    /** Defaults to the current calendar year; {@code to} is inclusive. */
    static Views.Stats period(ComplaintStatistics statistics, LocalDate from, LocalDate to, String department) {
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
