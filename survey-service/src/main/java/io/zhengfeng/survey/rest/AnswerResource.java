package io.zhengfeng.survey.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.survey.persistence.SurveyEntity;
import io.zhengfeng.survey.service.Answering;
import io.zhengfeng.survey.service.Results;
import io.zhengfeng.survey.service.ResultsView;
import io.zhengfeng.survey.service.Status;
import io.zhengfeng.survey.service.SurveyView;
import io.zhengfeng.survey.service.Surveys;

/**
 * Respondents' side, no account: invited respondents with their letter's code (in the body, never
 * in a URL), the public with a ballot id their browser keeps; and the public column's results.
 */
@Path("/api/surveys")
@Tag(name = "Answering")
@PermitAll
public class AnswerResource {
    /** Codes longer than 64 characters are refused by {@link #code}; ballot ids are checked by Answering. */
    public record CodeRequest(@Schema(maxLength = 64) String code) {
    }

    public record InvitedAnswer(@Schema(maxLength = 64) String code, JsonNode answers) {
    }

    public record Ballot(@Schema(minLength = 16, maxLength = 100, pattern = "[A-Za-z0-9_-]{16,100}") String ballotId,
            JsonNode answers) {
    }

    public record PublicSurvey(String id, String title, String description, int campaignYear, String status) {
    }

    private final Answering answering;
    private final Surveys surveys;
    private final Results results;

    public AnswerResource(Answering answering, Surveys surveys, Results results) {
        this.answering = answering;
        this.surveys = surveys;
        this.results = results;
    }

    @POST
    @Path("/invited/questionnaire")
    public SurveyView questionnaire(CodeRequest body) {
        return answering.questionnaire(code(body == null ? null : body.code()));
    }

    @POST
    @Path("/invited/answers")
    public Response answerInvited(InvitedAnswer body) {
        if (body == null) {
            throw ProblemException.badField("body", "is required");
        }
        String code = code(body.code());
        Retry.onDeadlock(() -> {
            answering.answerInvited(code, body.answers(), Status.CHANNEL_ONLINE, null);
            return null;
        });
        return Response.status(201).entity(Map.of("status", "recorded")).build();
    }

    /** Open and published surveys of the public column. */
    @GET
    @Path("/public")
    public List<PublicSurvey> publicSurveys(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size, 100);
        return SurveyEntity.<SurveyEntity>find("audience in ?1 and status in ?2", Sort.by("createdAt").descending(),
                List.of(Status.AUDIENCE_PUBLIC, Status.AUDIENCE_BOTH), List.of(Status.OPEN, Status.PUBLISHED))
                .page(Page.of(page, size)).list().stream()
                .map(s -> new PublicSurvey(s.id, s.title, s.description, s.campaignYear, s.status)).toList();
    }

    @GET
    @Path("/public/{id}")
    public SurveyView publicQuestionnaire(@PathParam("id") String id) {
        SurveyEntity s = publicSurvey(id);
        if (!Status.OPEN.equals(s.status)) {
            throw ProblemException.notFound("open public survey " + id);
        }
        return surveys.view(s);
    }

    @POST
    @Path("/public/{id}/ballots")
    public Response answerPublic(@PathParam("id") String id, Ballot body) {
        if (body == null) {
            throw ProblemException.badField("body", "is required");
        }
        Retry.onDeadlock(() -> {
            answering.answerPublic(id, body.ballotId(), body.answers());
            return null;
        });
        return Response.status(201).entity(Map.of("status", "recorded")).build();
    }

    /** Published results of a public survey, unauthenticated (the public column). */
    @GET
    @Path("/public/{id}/results")
    public ResultsView publicResults(@PathParam("id") String id, @QueryParam("pool") String pool) {
        SurveyEntity s = publicSurvey(id);
        if (!Status.PUBLISHED.equals(s.status)) {
            throw ProblemException.notFound("published results of survey " + id);
        }
        return results.results(s, SurveyResource.pool(s, pool));
    }

    private static SurveyEntity publicSurvey(String id) {
        SurveyEntity s = SurveyEntity.findById(id);
        if (s == null || !Status.isPublic(s.audience)) {
            throw ProblemException.notFound("public survey " + id);
        }
        return s;
    }

    private static String code(String code) {
        if (code == null || code.isBlank() || code.length() > 64) {
            throw ProblemException.badField("code", "the letter's answer code is required");
        }
        return code;
    }
}
