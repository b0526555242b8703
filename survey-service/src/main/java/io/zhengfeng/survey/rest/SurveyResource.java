package io.zhengfeng.survey.rest;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.survey.config.SurveyConfig;
import io.zhengfeng.survey.persistence.SurveyEntity;
import io.zhengfeng.survey.service.Answering;
import io.zhengfeng.survey.service.InvitationView;
import io.zhengfeng.survey.service.Invitations;
import io.zhengfeng.survey.service.Invitee;
import io.zhengfeng.survey.service.Results;
import io.zhengfeng.survey.service.ResultsCsv;
import io.zhengfeng.survey.service.ResultsView;
import io.zhengfeng.survey.service.Status;
import io.zhengfeng.survey.service.SurveyDraft;
import io.zhengfeng.survey.service.SurveyView;
import io.zhengfeng.survey.service.Surveys;
import io.zhengfeng.survey.service.TextAnswers;

/**
 * Staff side: the appraisal task force (inspector) and admin manage surveys and letters; leaders,
 * supervisors, inspectors and admin read live counts while open and results once closed.
 */
@Path("/api/surveys")
@Tag(name = "Surveys")
public class SurveyResource {

    public record InviteeImport(List<Invitee> invitees) {
    }

    public record PaperReturn(String code, JsonNode answers) {
    }

    private final Surveys surveys;
    private final Results results;
    private final Invitations invitations;
    private final Answering answering;
    private final TextAnswers texts;
    private final SurveyConfig config;

    public SurveyResource(Surveys surveys, Results results, Invitations invitations, Answering answering,
            TextAnswers texts, SurveyConfig config) {
        this.surveys = surveys;
        this.results = results;
        this.invitations = invitations;
        this.answering = answering;
        this.texts = texts;
        this.config = config;
    }

    @POST
    @RolesAllowed({ "inspector", "admin" })
    public Response create(SurveyDraft body) {
        SurveyView v = surveys.create(body);
        return Response.created(URI.create("/api/surveys/" + v.id())).entity(v).build();
    }

    @GET
    @RolesAllowed({ "leader", "supervisor", "inspector", "admin" })
    public List<SurveyView> list(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size, config.maxPageSize());
        return SurveyEntity.<SurveyEntity>findAll(Sort.by("createdAt").descending().and("id")).page(Page.of(page, size))
                .list().stream().map(surveys::view).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "leader", "supervisor", "inspector", "admin" })
    public SurveyView get(@PathParam("id") String id) {
        return surveys.view(surveys.find(id));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ "inspector", "admin" })
    public SurveyView update(@PathParam("id") String id, SurveyDraft body) {
        return surveys.update(id, body);
    }

    @POST
    @Path("/{id}/open")
    @RolesAllowed({ "inspector", "admin" })
    public SurveyView open(@PathParam("id") String id) {
        return surveys.open(id);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({ "inspector", "admin" })
    public SurveyView close(@PathParam("id") String id) {
        return surveys.close(id);
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({ "inspector", "admin" })
    public SurveyView publish(@PathParam("id") String id) {
        return surveys.publish(id);
    }

    /** Live while open: how many answered and letters returned, never what they answered. */
    @GET
    @Path("/{id}/progress")
    @RolesAllowed({ "leader", "supervisor", "inspector", "admin" })
    public Map<String, Object> progress(@PathParam("id") String id) {
        return results.progress(surveys.find(id));
    }

    @GET
    @Path("/{id}/results")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "leader", "supervisor", "inspector", "admin" })
    public ResultsView results(@PathParam("id") String id, @QueryParam("pool") String pool) {
        SurveyEntity s = closedSurvey(id);
        return results.results(s, pool(s, pool));
    }

    /** UTF-8 with a byte-order mark, so Excel opens the Chinese text intact. */
    @GET
    @Path("/{id}/results.csv")
    @Produces("text/csv")
    @RolesAllowed({ "leader", "supervisor", "inspector", "admin" })
    public Response resultsCsv(@PathParam("id") String id, @QueryParam("pool") String pool) {
        SurveyEntity s = closedSurvey(id);
        byte[] csv = ResultsCsv.write(results.results(s, pool(s, pool)));
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"survey-" + s.id + ".csv\"").build();
    }

    /** Free-text answers, personal data redacted, in a stable (random, not arrival) order. */
    @GET
    @Path("/{id}/results/texts")
    @RolesAllowed({ "leader", "supervisor", "inspector", "admin" })
    public List<String> textAnswers(@PathParam("id") String id, @QueryParam("question") String question,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size, config.maxPageSize());
        SurveyEntity s = closedSurvey(id);
        return texts.list(s, question, page, size);
    }

    @POST
    @Path("/{id}/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "inspector", "admin" })
    public Response importJson(@PathParam("id") String id, InviteeImport body) {
        List<InvitationView> created = invitations.importInvitees(id, body == null ? null : body.invitees());
        return Response.status(201).entity(created).build();
    }

    /** CSV with a header row: organisation,name,group,email,address (a BOM is tolerated). */
    @POST
    @Path("/{id}/invitations")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @RolesAllowed({ "inspector", "admin" })
    public Response importCsv(@PathParam("id") String id, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Invitee> invitees = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            if (!parser.getHeaderMap().containsKey("group")) {
                throw ProblemException.badField("csv.header", "needs the columns organisation,name,group,email,address");
            }
            for (CSVRecord r : parser) {
                invitees.add(new Invitee(get(r, "organisation"), get(r, "name"), get(r, "group"), get(r, "email"),
                        get(r, "address")));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw ProblemException.badField("csv", "unreadable CSV: " + e.getMessage());
        }
        return Response.status(201).entity(invitations.importInvitees(id, invitees)).build();
    }

    @GET
    @Path("/{id}/invitations")
    @RolesAllowed({ "leader", "supervisor", "inspector", "admin" })
    public List<InvitationView> invitations(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size, config.maxPageSize());
        return invitations.list(id, page, size);
    }

    /** The invitee's personal data in full: the task force only, and audited. */
    @GET
    @Path("/{id}/invitations/{invitationId}")
    @RolesAllowed({ "inspector", "admin" })
    public InvitationView invitation(@PathParam("id") String id, @PathParam("invitationId") String invitationId) {
        return invitations.reveal(id, invitationId);
    }

    /** The letters to print (A4 PDF, one page each); each page carries a freshly issued one-use code. */
    @POST
    @Path("/{id}/letters")
    @Produces("application/pdf")
    @RolesAllowed({ "inspector", "admin" })
    public Response letters(@PathParam("id") String id, @QueryParam("group") String group) {
        if (group != null && !config.respondentGroups().contains(group)) {
            throw ProblemException.badField("group", "must be one of " + config.respondentGroups());
        }
        byte[] pdf = invitations.print(id, group);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"letters-" + id + ".pdf\"").build();
    }

    @POST
    @Path("/{id}/reminders")
    @RolesAllowed({ "inspector", "admin" })
    public Map<String, Object> remind(@PathParam("id") String id) {
        return invitations.remind(id);
    }

    /** A returned paper questionnaire, keyed in by staff against the letter's code (channel paper). */
    @POST
    @Path("/{id}/paper-returns")
    @RolesAllowed({ "inspector", "admin" })
    public Response paperReturn(@PathParam("id") String id, PaperReturn body) {
        if (body == null || body.code() == null || body.code().isBlank()) {
            throw ProblemException.badField("code", "the letter's answer code is required");
        }
        surveys.find(id);
        Retry.onDeadlock(() -> {
            answering.answerInvited(body.code(), body.answers(), Status.CHANNEL_PAPER, id);
            return null;
        });
        return Response.status(201).entity(Map.of("status", "recorded", "channel", Status.CHANNEL_PAPER)).build();
    }

    /** Tallies only once the survey is closed (CONSUL's rule): no running score sways the late answers. */
    private SurveyEntity closedSurvey(String id) {
        SurveyEntity s = surveys.find(id);
        if (!Status.CLOSED.equals(s.status) && !Status.PUBLISHED.equals(s.status)) {
            throw ProblemException.conflict("results-hidden", "results are shown once the survey is closed; it is " + s.status);
        }
        return s;
    }

    static String pool(SurveyEntity s, String pool) {
        if (pool == null) {
            return Status.AUDIENCE_PUBLIC.equals(s.audience) ? Status.POOL_PUBLIC
                    : Status.AUDIENCE_INVITED.equals(s.audience) ? Status.POOL_INVITED : Results.POOL_ALL;
        }
        if (!List.of(Status.POOL_INVITED, Status.POOL_PUBLIC, Results.POOL_ALL).contains(pool)) {
            throw ProblemException.badField("pool", "must be invited, public or all");
        }
        return pool;
    }

    private static String get(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column) : null;
    }
}
