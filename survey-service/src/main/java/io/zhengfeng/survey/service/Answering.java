package io.zhengfeng.survey.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.survey.persistence.SurveyEntity;
import io.zhengfeng.survey.persistence.TallyStore;

/**
 * Takes answers: invited (one-use code, online or as a paper return keyed in by staff) and public
 * (one per ballot id). An answer is a tally increment plus an anonymous answer sheet; the letter
 * only learns that it was answered, and on which day.
 */
@ApplicationScoped
public class Answering {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final EntityManager em;
    private final Surveys surveys;
    private final TallyStore tallies;
    private final ObjectMapper json;
    private final AuditTrail audit;

    public Answering(EntityManager em, Surveys surveys, TallyStore tallies, ObjectMapper json, AuditTrail audit) {
        this.em = em;
        this.surveys = surveys;
        this.tallies = tallies;
        this.json = json;
        this.audit = audit;
    }

    /** The letter a code belongs to, locked: the same single indexed lookup whether it exists or not. */
    public record Letter(String surveyId, String group, boolean answered) {
    }

    /**
     * Reads the questionnaire for a code without using it up. Unknown code 404; answered 409.
     */
    @Transactional
    public SurveyView questionnaire(String code) {
        Letter letter = letter(Tokens.hash(code), false);
        return surveys.view(surveys.find(letter.surveyId()));
    }

    /** @param expectedSurvey the survey staff enter a paper return for, null online */
    @Transactional
    public void answerInvited(String code, JsonNode answers, String channel, String expectedSurvey) {
        String hash = Tokens.hash(code);
        Letter letter = letter(hash, true);
        if (expectedSurvey != null && !expectedSurvey.equals(letter.surveyId())) {
            throw ProblemException.notFound("letter code");
        }
        SurveyEntity s = surveys.find(letter.surveyId());
        requireOpen(s);
        Map<String, Object> checked = Questionnaire.check(surveys.questions(s), answers);
        LocalDate today = LocalDate.now(ZONE);
        em.createNativeQuery("UPDATE invitation SET answered = TRUE, answered_on = ?1 WHERE token_hash = ?2")
                .setParameter(1, today).setParameter(2, hash).executeUpdate();
        record(s, Status.POOL_INVITED, letter.group(), channel, checked, today);
        if (Status.CHANNEL_PAPER.equals(channel)) {
            // who keyed in a paper return; the survey, not the letter, so the audit does not link either
            audit.record("paper_return_entered", s.id, AuditTrail.ALLOWED, null);
        }
    }

    @Transactional
    public void answerPublic(String surveyId, String ballotId, JsonNode answers) {
        SurveyEntity s = surveys.find(surveyId);
        if (!Status.isPublic(s.audience)) {
            throw ProblemException.notFound("public survey " + surveyId);
        }
        requireOpen(s);
        if (ballotId == null || !ballotId.matches("[A-Za-z0-9_-]{16,100}")) {
            throw ProblemException.badField("ballotId", "must be 16-100 letters, digits, - or _ (kept by the browser)");
        }
        Map<String, Object> checked = Questionnaire.check(surveys.questions(s), answers);
        if (!tallies.claimBallot(s.id, Tokens.hash(ballotId))) {
            throw ProblemException.conflict("ballot-used", "this ballot has already answered");
        }
        record(s, Status.POOL_PUBLIC, "public", Status.CHANNEL_ONLINE, checked, LocalDate.now(ZONE));
    }

    private Letter letter(String hash, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT survey_id, respondent_group, answered FROM invitation "
                + "WHERE token_hash = ?1" + (lock ? " FOR UPDATE" : "")).setParameter(1, hash).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("letter code");
        }
        Object[] r = rows.get(0);
        Letter letter = new Letter((String) r[0], (String) r[1], r[2] instanceof Boolean b ? b : ((Number) r[2]).intValue() != 0);
        if (letter.answered()) {
            throw ProblemException.conflict("code-used", "this letter's code has already been used to answer");
        }
        return letter;
    }

    private void requireOpen(SurveyEntity s) {
        if (!Status.OPEN.equals(s.status)) {
            throw ProblemException.conflict("survey-not-open", "survey is " + s.status);
        }
        if (s.closesAt != null && !Instant.now().isBefore(s.closesAt)) {
            throw ProblemException.conflict("survey-not-open", "survey closed at " + s.closesAt);
        }
    }

    private void record(SurveyEntity s, String pool, String group, String channel, Map<String, Object> answers, LocalDate day) {
        List<TallyStore.Key> keys = new ArrayList<>();
        keys.add(new TallyStore.Key(Results.ANSWERS, "", ""));
        boolean hasText = false;
        for (Question q : surveys.questions(s)) {
            Object a = answers.get(q.key());
            if (a == null) {
                continue;
            }
            keys.add(new TallyStore.Key(q.key(), "", Results.ANSWERED));
            if (a instanceof String v && !Question.TEXT.equals(q.type())) {
                keys.add(new TallyStore.Key(q.key(), "", v));
            } else if (a instanceof List<?> picks) {
                picks.forEach(p -> keys.add(new TallyStore.Key(q.key(), "", (String) p)));
            } else if (a instanceof Map<?, ?> cells) {
                cells.forEach((row, v) -> keys.add(new TallyStore.Key(q.key(), (String) row, (String) v)));
            } else {
                hasText = true;
            }
        }
        tallies.add(s.id, pool, group, channel, keys);
        try {
            tallies.storeResponse(UUID.randomUUID().toString(), s.id, pool, day, json.writeValueAsString(answers), hasText);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
