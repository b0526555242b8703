package io.zhengfeng.complaint.rest;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.complaint.service.ComplaintQueries;
import io.zhengfeng.complaint.service.ComplaintWorkflow;
import io.zhengfeng.complaint.service.FollowUp;
import io.zhengfeng.complaint.service.Views;

/**
 * One endpoint per action, {@code POST /api/complaints/{id}/{action}}. Roles are checked here
 * coarsely (401/403 before any work), department and state in the workflow. Each answers the
 * complaint's new summary, without personal data.
 */
@Path("/api/complaints/{id}")
@Tag(name = "Complaint actions", description = "The lifecycle: accept, dispatch, reply, extend, follow up, close")
public class ComplaintActionResource {
    private final ComplaintWorkflow workflow;
    private final FollowUp followUp;
    private final ComplaintQueries queries;

    public ComplaintActionResource(ComplaintWorkflow workflow, FollowUp followUp, ComplaintQueries queries) {
        this.workflow = workflow;
        this.followUp = followUp;
        this.queries = queries;
    }

    @POST
    @Path("/accept")
    @RolesAllowed("spokesperson")
    @Operation(summary = "受理: the spokesperson accepts the message; the reply time limit starts")
    public Views.ComplaintSummary accept(@PathParam("id") UUID id) {
        workflow.accept(id.toString());
        return summary(id);
    }

    @POST
    @Path("/reject")
    @RolesAllowed("spokesperson")
    @Operation(summary = "不予受理, with the reason the citizen will read")
    public Views.ComplaintSummary reject(@PathParam("id") UUID id, @Valid @NotNull Requests.Reason body) {
        workflow.reject(id.toString(), body.reason());
        return summary(id);
    }

    @POST
    @Path("/assign")
    @RolesAllowed("spokesperson")
    @Operation(summary = "派单 to a department, which becomes the first-inquiry responsible one")
    public Views.ComplaintSummary assign(@PathParam("id") UUID id, @Valid @NotNull Requests.Assign body) {
        workflow.assign(id.toString(), body.department());
        return summary(id);
    }

    @POST
    @Path("/transfer")
    @RolesAllowed({ "spokesperson", "dept_head" })
    public Views.ComplaintSummary transfer(@PathParam("id") UUID id, @Valid @NotNull Requests.Transfer body) {
        workflow.transfer(id.toString(), body.department(), body.reason());
        return summary(id);
    }

    @POST
    @Path("/reply")
    @RolesAllowed({ "handler", "dept_head" })
    @Operation(summary = "The handler drafts the reply; the head approves or returns it")
    public Views.ComplaintSummary reply(@PathParam("id") UUID id, @Valid @NotNull Requests.Reply body) {
        workflow.draftReply(id.toString(), body.content());
        return summary(id);
    }

    @POST
    @Path("/approve-reply")
    @RolesAllowed("dept_head")
    public Views.ComplaintSummary approveReply(@PathParam("id") UUID id) {
        workflow.approveReply(id.toString());
        return summary(id);
    }

    @POST
    @Path("/return-reply")
    @RolesAllowed("dept_head")
    public Views.ComplaintSummary returnReply(@PathParam("id") UUID id, @Valid @NotNull Requests.Reason body) {
        workflow.returnReply(id.toString(), body.reason());
        return summary(id);
    }

    @POST
    @Path("/request-extension")
    @RolesAllowed("dept_head")
    public Views.ComplaintSummary requestExtension(@PathParam("id") UUID id, @Valid @NotNull Requests.Extension body) {
        workflow.requestExtension(id.toString(), body.workingDays(), body.reason());
        return summary(id);
    }

    @POST
    @Path("/approve-extension")
    @RolesAllowed("leader")
    public Views.ComplaintSummary approveExtension(@PathParam("id") UUID id, @Valid Requests.OptionalReason body) {
        workflow.decideExtension(id.toString(), true, body == null ? null : body.reason());
        return summary(id);
    }

    @POST
    @Path("/deny-extension")
    @RolesAllowed("leader")
    public Views.ComplaintSummary denyExtension(@PathParam("id") UUID id, @Valid @NotNull Requests.Reason body) {
        workflow.decideExtension(id.toString(), false, body.reason());
        return summary(id);
    }

    @POST
    @Path("/rate")
    @PermitAll
    @Operation(summary = "The citizen rates the reply, proving who they are with the access code header")
    public Views.TrackingView rate(@PathParam("id") UUID id, @HeaderParam(ComplaintResource.ACCESS_CODE) String accessCode,
            @Valid @NotNull Requests.Rate body) {
        followUp.rateByCitizen(id.toString(), accessCode, body.rating(), body.comment());
        return tracking(id, accessCode);
    }

    @POST
    @Path("/reopen")
    @PermitAll
    @Operation(summary = "A dissatisfied citizen reopens the complaint, once")
    public Views.TrackingView reopen(@PathParam("id") UUID id, @HeaderParam(ComplaintResource.ACCESS_CODE) String accessCode,
            @Valid Requests.OptionalReason body) {
        followUp.reopen(id.toString(), accessCode, body == null ? null : body.reason());
        return tracking(id, accessCode);
    }

    @POST
    @Path("/record-follow-up")
    @RolesAllowed("spokesperson")
    @Operation(summary = "回访: the spokesperson records the rating given on a follow-up call")
    public Views.ComplaintSummary recordFollowUp(@PathParam("id") UUID id, @Valid @NotNull Requests.Rate body) {
        followUp.recordFollowUp(id.toString(), body.rating(), body.comment());
        return summary(id);
    }

    @POST
    @Path("/close")
    @RolesAllowed({ "spokesperson", "leader" })
    public Views.ComplaintSummary close(@PathParam("id") UUID id) {
        workflow.close(id.toString());
        return summary(id);
    }

    @POST
    @Path("/publish-reply")
    @RolesAllowed("spokesperson")
    @Operation(summary = "Publish the reply on the public column, after redaction of personal data")
    public Views.ComplaintSummary publishReply(@PathParam("id") UUID id, @Valid Requests.Publish body) {
        workflow.publishReply(id.toString(), body == null ? null : body.text());
        return summary(id);
    }

    private Views.ComplaintSummary summary(UUID id) {
        return queries.summary(id.toString());
    }

    private Views.TrackingView tracking(UUID id, String accessCode) {
        return queries.trackById(id.toString(), accessCode);
    }
}
