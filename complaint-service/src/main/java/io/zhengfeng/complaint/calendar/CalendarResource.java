package io.zhengfeng.complaint.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.platform.calendar.CalendarYear;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;

/** The bureau's working-day calendar, readable by any front end, editable by admin. */
@Path("/api/complaints/calendar")
@Tag(name = "Calendar", description = "Working days (State Council notices plus local overrides) and deadlines")
public class CalendarResource {
    public record YearView(int year, boolean announced, List<LocalDate> holidays, List<LocalDate> makeUpWorkingDays) {
    }

    public record DeadlineView(OffsetDateTime dueAt) {
    }

    public record OverrideRequest(@NotNull Boolean working, @NotBlank @Size(max = 500) String reason) {
    }

    public record OverrideView(LocalDate day, boolean working, String reason, String createdBy, Instant createdAt) {
    }

    private final CalendarService calendar;
    private final CurrentUser user;

    public CalendarResource(CalendarService calendar, CurrentUser user) {
        this.calendar = calendar;
        this.user = user;
    }

    @GET
    @Path("/{year}")
    @PermitAll
    @Operation(summary = "Days off (weekends inside holiday periods included) and make-up working days of a year")
    public YearView year(@PathParam("year") int year) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.badField("year", "must be between 2000 and 2100");
        }
        CalendarYear y = calendar.calendar().year(year);
        return new YearView(y.year(), y.announced(), y.holidays(), y.makeUpWorkingDays());
    }

    @GET
    @Path("/deadline")
    @PermitAll
    @Operation(summary = "When N working days from an instant end (close of business, Asia/Shanghai)")
    public DeadlineView deadline(@QueryParam("start") String start, @QueryParam("workingDays") Integer workingDays) {
        if (start == null || start.isBlank()) {
            throw ProblemException.badField("start", "is required, an ISO-8601 instant such as 2026-02-13T09:00:00+08:00");
        }
        Instant from;
        try {
            from = OffsetDateTime.parse(start).toInstant();
        } catch (RuntimeException e) {
            throw ProblemException.badField("start", "must be an ISO-8601 instant with offset, e.g. 2026-02-13T09:00:00+08:00");
        }
        if (workingDays == null || workingDays < 0 || workingDays > 365) {
            throw ProblemException.badField("workingDays", "is required, between 0 and 365");
        }
        Instant due = calendar.deadline(from, workingDays);
        return new DeadlineView(due.atZone(calendar.calendar().zone()).toOffsetDateTime());
    }

    @GET
    @Path("/overrides")
    @RolesAllowed("admin")
    public List<OverrideView> overrides() {
        return calendar.overrides().stream()
                .map(o -> new OverrideView(o.day, o.working, o.reason, o.createdBy, o.createdAt)).toList();
    }

    @PUT
    @Path("/overrides/{day}")
    @RolesAllowed("admin")
    @Operation(summary = "Declare a day off (e.g. an emergency closure) or a working day, overriding the notices")
    public OverrideView override(@PathParam("day") LocalDate day, @Valid @NotNull OverrideRequest body) {
        calendar.override(day, body.working(), body.reason(), user.username());
        return new OverrideView(day, body.working(), body.reason(), user.username(), Instant.now());
    }

    @DELETE
    @Path("/overrides/{day}")
    @RolesAllowed("admin")
    public Response removeOverride(@PathParam("day") LocalDate day) {
        return calendar.removeOverride(day) ? Response.noContent().build()
                : Response.status(404).build();
    }

    @GET
    @Path("/alerts")
    @RolesAllowed("admin")
    @Operation(summary = "Years that deadlines reached but no notice covers: counted Monday–Friday until added")
    public List<Integer> yearsWithoutData() {
        return calendar.yearsWithoutData().stream().sorted().toList();
    }
}
