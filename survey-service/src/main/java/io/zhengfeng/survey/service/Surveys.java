package io.zhengfeng.survey.service;

import java.time.Instant;
import java.time.Year;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.survey.events.SurveyEvents;
import io.zhengfeng.survey.persistence.SurveyEntity;

/** The survey lifecycle: draft → open → closed → published. Questions are frozen once open. */
@ApplicationScoped
public class Surveys {
    private static final List<String> AUDIENCES = List.of(Status.AUDIENCE_PUBLIC, Status.AUDIENCE_INVITED, Status.AUDIENCE_BOTH);

    private final ObjectMapper json;
    private final SurveyEvents events;
    private final AuditTrail audit;
    private final CurrentUser user;
    private final Results results;

    public Surveys(ObjectMapper json, SurveyEvents events, AuditTrail audit, CurrentUser user, Results results) {
        this.json = json;
        this.events = events;
        this.audit = audit;
        this.user = user;
        this.results = results;
    }

    @Transactional
    public SurveyView create(SurveyDraft draft) {
        SurveyEntity s = new SurveyEntity();
        s.id = UUID.randomUUID().toString();
        s.status = Status.DRAFT;
        s.createdBy = user.username();
        s.createdAt = Instant.now();
        apply(s, draft);
        s.persist();
        audit.record("survey_created", s.id, AuditTrail.ALLOWED, s.title);
        events.publish(s, EventTypes.SURVEY_SCHEDULED, null, null);
        return view(s);
    }

    @Transactional
    public SurveyView update(String id, SurveyDraft draft) {
        SurveyEntity s = find(id);
        if (!Status.DRAFT.equals(s.status)) {
            throw ProblemException.conflict("survey-frozen", "survey is " + s.status + ": its questions are frozen once open");
        }
        apply(s, draft);
        audit.record("survey_updated", s.id, AuditTrail.ALLOWED, null);
        events.publish(s, EventTypes.SURVEY_SCHEDULED, Status.DRAFT, null);
        return view(s);
    }

    @Transactional
    public SurveyView open(String id) {
        SurveyEntity s = find(id);
        openNow(s);
        return view(s);
    }

    /** Opens a draft (staff's action, or the opening instant as the notification service reports it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void openNow(SurveyEntity s) {
        requireStatus(s, Status.DRAFT, "open");
        whyNotOpen(s).ifPresent(reason -> {
            throw ProblemException.badField(reason.field(), reason.message());
        });
        s.status = Status.OPEN;
        s.openedAt = Instant.now();
        audit.record("survey_opened", s.id, AuditTrail.ALLOWED, null);
        events.publish(s, EventTypes.SURVEY_OPENED, Status.DRAFT, results.summary(s));
    }

    public record Reason(String field, String message) {
    }

    /** What stops a draft from opening now; checked before throwing, so a timer's caller can skip it. */
    public java.util.Optional<Reason> whyNotOpen(SurveyEntity s) {
        if (questions(s).isEmpty()) {
            return java.util.Optional.of(new Reason("questions", "a survey needs at least one question to open"));
        }
        if (s.closesAt != null && !s.closesAt.isAfter(Instant.now())) {
            return java.util.Optional.of(new Reason("closesAt", "is already past"));
        }
        return java.util.Optional.empty();
    }

    @Transactional
    public SurveyView close(String id) {
        SurveyEntity s = find(id);
        closeNow(s);
        return view(s);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void closeNow(SurveyEntity s) {
        requireStatus(s, Status.OPEN, "close");
        s.status = Status.CLOSED;
        s.closedAt = Instant.now();
        audit.record("survey_closed", s.id, AuditTrail.ALLOWED, null);
        events.publish(s, EventTypes.SURVEY_CLOSED, Status.OPEN, results.summary(s));
    }

    @Transactional
    public SurveyView publish(String id) {
        SurveyEntity s = find(id);
        requireStatus(s, Status.CLOSED, "publish");
        s.status = Status.PUBLISHED;
        s.publishedAt = Instant.now();
        audit.record("results_published", s.id, AuditTrail.ALLOWED, null);
        events.publish(s, EventTypes.SURVEY_PUBLISHED, Status.CLOSED, results.summary(s));
        return view(s);
    }

    public SurveyEntity find(String id) {
        SurveyEntity s = id == null ? null : SurveyEntity.findById(id);
        if (s == null) {
            throw ProblemException.notFound("survey " + id);
        }
        return s;
    }

    public List<Question> questions(SurveyEntity s) {
        try {
            return json.readValue(s.questions, new TypeReference<List<Question>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored questions of survey " + s.id + " are unreadable", e);
        }
    }

    public SurveyView view(SurveyEntity s) {
        return new SurveyView(s.id, s.title, s.description, s.campaignYear, s.audience, s.status, s.opensAt, s.closesAt,
                s.openedAt, s.closedAt, s.publishedAt, questions(s));
    }

    private void apply(SurveyEntity s, SurveyDraft d) {
        if (d == null) {
            throw ProblemException.badField("body", "is required");
        }
        if (d.title() == null || d.title().isBlank() || d.title().length() > 200) {
            throw ProblemException.badField("title", "must be 1-200 characters");
        }
        if (d.description() != null && d.description().length() > 10000) {
            throw ProblemException.badField("description", "at most 10000 characters");
        }
        int year = d.campaignYear() == null ? Year.now().getValue() : d.campaignYear();
        if (year < 2000 || year > 2100) {
            throw ProblemException.badField("campaignYear", "must be a year between 2000 and 2100");
        }
        String audience = d.audience() == null ? Status.AUDIENCE_BOTH : d.audience();
        if (!AUDIENCES.contains(audience)) {
            throw ProblemException.badField("audience", "must be one of " + AUDIENCES);
        }
        if (d.opensAt() != null && d.closesAt() != null && !d.closesAt().isAfter(d.opensAt())) {
            throw ProblemException.badField("closesAt", "must be after opensAt");
        }
        List<Question> questions = Questionnaire.define(d.questions());
        s.title = d.title().strip();
        s.description = d.description();
        s.campaignYear = year;
        s.audience = audience;
        // whole seconds: the notification service's timers keep second precision, and a breach must
        // name exactly the instant the survey has
        s.opensAt = d.opensAt() == null ? null : d.opensAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        s.closesAt = d.closesAt() == null ? null : d.closesAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try {
            s.questions = json.writeValueAsString(questions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireStatus(SurveyEntity s, String expected, String action) {
        if (!expected.equals(s.status)) {
            throw ProblemException.conflict("illegal-transition", "cannot " + action + " a survey that is " + s.status);
        }
    }
}
