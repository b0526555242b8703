package io.zhengfeng.inspection.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.zhengfeng.contracts.Topics;
import io.zhengfeng.inspection.persistence.SurveyFiguresEntity;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;
import io.zhengfeng.platform.events.PoisonEventException;

/**
 * The report's survey figures (letters sent and returned, satisfaction rate) come from survey-service's
 * {@code io.zhengfeng.survey.closed.v1}. survey-service is being built at the same time, so this reads
 * the payload defensively: the figures may sit at the top level or under {@code summary}, under
 * several plausible names; a rate may be a fraction or a percentage; anything missing stays null.
 * A re-closed survey replaces its figures (upsert by survey id).
 */
@ApplicationScoped
public class SurveyClosedHandler implements EventHandler {
    public static final String SURVEY_CLOSED = "io.zhengfeng.survey.closed.v1";
    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");

    private final TolerantReader reader;

    public SurveyClosedHandler(TolerantReader reader) {
        this.reader = reader;
    }

    @Override
    public String topic() {
        return Topics.SURVEYS;
    }

    @Override
    public Set<String> types() {
        return Set.of(SURVEY_CLOSED);
    }

    @Override
    public void handle(IncomingEvent event) {
        JsonNode root = reader.tree(event);
        JsonNode summary = root.path("summary").isObject() ? root.path("summary") : root.path("results");
        String id = text(root, "surveyId", "id");
        if (id == null) {
            id = event.subject();
        }
        if (id == null) {
            throw new PoisonEventException("Survey closed event " + event + " names no survey");
        }
        Instant closedAt = instant(root, event);
        SurveyFiguresEntity s = SurveyFiguresEntity.findById(id);
        if (s == null) {
            s = new SurveyFiguresEntity();
            s.surveyId = id;
        }
        Integer year = integer(root, summary, "year", "campaignYear");
        s.year = year != null ? year : closedAt.atZone(BUREAU).getYear();
        s.title = text(root, "title", "name");
        s.lettersSent = integer(root, summary, "lettersSent", "invitationsSent", "invited", "letters_sent");
        s.lettersReturned = integer(root, summary, "lettersReturned", "invitationsReturned", "returned", "invitationsAnswered",
                "letters_returned");
        s.responses = integer(root, summary, "responses", "responseCount", "totalResponses", "responsesReceived");
        s.satisfactionRate = rate(root, summary, "satisfactionRate", "satisfaction", "satisfiedRate", "satisfaction_rate");
        s.closedAt = closedAt;
        s.persist();
    }

    private static String text(JsonNode root, String... names) {
        for (String n : names) {
            JsonNode v = root.path(n);
            if (v.isTextual() && !v.asText().isBlank()) {
                return v.asText().length() > 300 ? v.asText().substring(0, 300) : v.asText();
            }
        }
        return null;
    }

    private static Integer integer(JsonNode root, JsonNode summary, String... names) {
        for (JsonNode node : new JsonNode[] { root, summary }) {
            for (String n : names) {
                JsonNode v = node.path(n);
                if (v.isNumber() || (v.isTextual() && v.asText().matches("\\d+"))) {
                    return v.asInt();
                }
            }
        }
        return null;
    }

    /** As a fraction 0..1: 0.987 and 98.7 both mean 98.7 %. */
    private static BigDecimal rate(JsonNode root, JsonNode summary, String... names) {
        for (JsonNode node : new JsonNode[] { root, summary }) {
            for (String n : names) {
                JsonNode v = node.path(n);
                if (v.isNumber()) {
                    BigDecimal d = v.decimalValue();
                    if (d.compareTo(BigDecimal.ONE) > 0) {
                        d = d.divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP);
                    }
                    return d.setScale(4, RoundingMode.HALF_UP);
                }
            }
        }
        return null;
    }

    private static Instant instant(JsonNode root, IncomingEvent event) {
        for (String n : new String[] { "closedAt", "occurredAt" }) {
            JsonNode v = root.path(n);
            if (v.isTextual()) {
                try {
                    return Instant.parse(v.asText());
                } catch (RuntimeException ignored) {
                    // fall through to the envelope's time
                }
            }
        }
        return event.time() != null ? event.time() : Instant.now();
    }
}
