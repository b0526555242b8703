package io.zhengfeng.survey.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.survey.persistence.SurveyEntity;
import io.zhengfeng.survey.persistence.TallyStore;
import io.zhengfeng.survey.pii.Redaction;

/** Free-text answers of a closed survey, with phone numbers, ID numbers and e-mails taken out. */
@ApplicationScoped
public class TextAnswers {
    private final TallyStore tallies;
    private final Surveys surveys;
    private final ObjectMapper json;

    public TextAnswers(TallyStore tallies, Surveys surveys, ObjectMapper json) {
        this.tallies = tallies;
        this.surveys = surveys;
        this.json = json;
    }

    public List<String> list(SurveyEntity s, String question, int page, int size) {
        List<String> keys = surveys.questions(s).stream().filter(q -> Question.TEXT.equals(q.type()))
                .map(Question::key).filter(k -> question == null || k.equals(question)).toList();
        if (keys.isEmpty()) {
            throw ProblemException.badField("question", "names no free-text question");
        }
        List<String> out = new ArrayList<>();
        // sheets with text in any question; a page of sheets, then their texts for the asked questions
        for (String sheet : tallies.textSheets(s.id, page * size, size)) {
            try {
                JsonNode answers = json.readTree(sheet);
                for (String k : keys) {
                    JsonNode t = answers.get(k);
                    if (t != null && t.isTextual()) {
                        out.add(Redaction.redact(t.asText()));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Unreadable answer sheet in survey " + s.id, e);
            }
        }
        return out;
    }
}
