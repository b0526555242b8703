package io.zhengfeng.complaint.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.complaint.service.Channel;
import io.zhengfeng.complaint.service.ComplaintFilter;
import io.zhengfeng.complaint.service.ComplaintIntake;
import io.zhengfeng.complaint.service.ComplaintQueries;
import io.zhengfeng.complaint.service.Kind;
import io.zhengfeng.complaint.service.Status;
import io.zhengfeng.complaint.service.Submitted;
import io.zhengfeng.complaint.service.TrackingLimits;
import io.zhengfeng.complaint.service.Views;
import io.zhengfeng.platform.problem.Problems;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/complaints")
@Tag(name = "Complaints", description = "Citizens' complaints, reports, consultations and suggestions (诉求)")
public class ComplaintResource {
    /** The access code travels in a header, never in the URL, so it stays out of access logs. */
    public static final String ACCESS_CODE = "X-Access-Code";

    private final ComplaintIntake intake;
    private final ComplaintQueries queries;

    private final TrackingLimits limits;

    public ComplaintResource(ComplaintIntake intake, ComplaintQueries queries, TrackingLimits limits) {
        this.intake = intake;
        this.queries = queries;
        this.limits = limits;
    }

    @POST
    @PermitAll
    @Operation(summary = "Submit a message (no token needed); staff with the spokesperson role record other channels")
    public Response submit(@Valid @NotNull Requests.Submit request) {
        Submitted submitted = intake.submit(request.toCommand());
        return Response.created(URI.create("/api/complaints/" + submitted.id())).entity(submitted).build();
    }

    @GET
    @Path("/track/{trackingNumber}")
    @PermitAll
    @Operation(summary = "A citizen follows their message with tracking number and access code")
    @APIResponse(responseCode = "404", description = "Unknown number or wrong access code (one answer for both)")
    @APIResponse(responseCode = "429", description = "Too many attempts for this number or from this address; see Retry-After")
    public Views.TrackingView track(@PathParam("trackingNumber") String trackingNumber,
            @HeaderParam(ACCESS_CODE) String accessCode, @Context HttpServerRequest http) {
        limits.charge(trackingNumber, ClientAddress.of(http));
        return queries.track(trackingNumber, accessCode);
    }

    @ServerExceptionMapper
    public Response tooManyAttempts(TrackingLimits.TooManyAttempts e) {
        return Response.fromResponse(Problems.response(429, "too-many-requests", "Too many requests", e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    @GET
    @RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    @Operation(summary = "Search complaints; handlers and heads see their department's only")
    public Views.PageOf<Views.ComplaintSummary> search(@QueryParam("status") String status, @QueryParam("kind") String kind,
            @QueryParam("category") String category, @QueryParam("department") String department,
            @QueryParam("channel") String channel, @QueryParam("overdue") Boolean overdue,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("q") String text,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        ComplaintFilter filter = new ComplaintFilter(
                QueryCodes.parse("status", status, Status::fromCode), QueryCodes.parse("kind", kind, Kind::fromCode),
                category, department, QueryCodes.parse("channel", channel, Channel::fromCode), overdue, from, to, text);
        return queries.search(filter, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public Views.ComplaintView get(@PathParam("id") UUID id) {
        return queries.view(id.toString());
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({ "spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin" })
    public List<Views.HistoryItem> history(@PathParam("id") UUID id) {
        return queries.history(id.toString());
    }
}
