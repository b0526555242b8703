package io.zhengfeng.complaint.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

import io.zhengfeng.contracts.CalendarYearEvent;
import io.zhengfeng.platform.calendar.CalendarYear;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;

/** The bureau's working-day calendar, readable by any front end, editable by admin. */
@Path("/api/complaints/calendar")
@Tag(name = "Calendar", description = "Working days (State Council notices plus local overrides) and deadlines")
public class CalendarResource {
    /**
     * @param notice  the State Council notice's reference, null when not announced
     * @param version the year's version as this replica applied it (0: bundled data, never published)
     */
    public record YearView(int year, boolean announced, String notice, long version, List<LocalDate> holidays,
            List<LocalDate> makeUpWorkingDays) {
    }

    /** @param provisional the span reaches a year without holiday data: counted Monday–Friday */
    public record DeadlineView(OffsetDateTime dueAt, boolean provisional) {
    }

    public record OverrideRequest(Boolean working, @Size(max = 500) String reason) {
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
        return view(year);
    }

    private YearView view(int year) {
        CalendarYear y = calendar.calendar().year(year);
        var published = calendar.published(year);
        return new YearView(y.year(), y.announced(), published.map(CalendarYearEvent::notice)
                .orElse(calendar.calendar().data().notice(year).map(n -> n.notice()).orElse(null)),
                published.map(CalendarYearEvent::version).orElse(0L), y.holidays(), y.makeUpWorkingDays());
    }

    @PUT
    @Path("/{year}")
    @RolesAllowed("admin")
    @Operation(summary = "Load (or replace) a year's State Council notice: holiday periods and make-up working days; "
            + "open provisional deadlines are recomputed and every service applies the year within seconds")
    public YearView loadYear(@PathParam("year") int year, CalendarService.YearLoad body) {
        calendar.loadYear(year, body, user.username());
        return view(year);
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
        var cal = calendar.calendar();
        Instant due = cal.deadline(from, workingDays);
        // computing a deadline raises no alert: only the date does (yearsWithoutData)
        return new DeadlineView(due.atZone(cal.zone()).toOffsetDateTime(), cal.isProvisional(from, due));
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
        return new OverrideView(day, body.working(), body.reason().strip(), user.username(), Instant.now());
    }

    @DELETE
    @Path("/overrides/{day}")
    @RolesAllowed("admin")
    public Response removeOverride(@PathParam("day") LocalDate day) {
        return calendar.removeOverride(day, user.username()) ? Response.noContent().build()
                : Response.status(404).build();
    }

    @GET
    @Path("/alerts")
    @RolesAllowed("admin")
    @Operation(summary = "Years without a notice that deadlines need now: the current year, and from 1 November the next")
    public List<Integer> yearsWithoutData() {
        return calendar.yearsWithoutData(calendar.today());
    }
}
