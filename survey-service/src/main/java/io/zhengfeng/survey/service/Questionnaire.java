package io.zhengfeng.survey.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.zhengfeng.platform.problem.ProblemException;

/**
 * Checks a survey's questions when staff write them, and an answer sheet against them when a
 * respondent answers: every problem is a 400 naming the question ({@code answers.<key>}).
 */
public final class Questionnaire {
    private static final int MAX_TEXT = 5000;

    /** Normalises keys (q1, q2, … when missing) and rejects an inconsistent definition. */
    public static List<Question> define(List<Question> questions) {
        if (questions == null) {
            return List.of();
        }
        if (questions.size() > 200) {
            throw ProblemException.badField("questions", "at most 200 questions");
        }
        List<Question> out = new ArrayList<>();
        Map<String, Question> earlier = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String field = "questions[" + i + "]";
            if (q == null) {
                throw ProblemException.badField(field, "must not be null");
            }
            String key = q.key() == null || q.key().isBlank() ? "q" + (i + 1) : q.key();
            if (!key.matches("[A-Za-z0-9_]{1,40}") || key.startsWith("_") || earlier.containsKey(key)) {
                throw ProblemException.badField(field + ".key", "must be unique, 1-40 letters, digits or _");
            }
            if (q.type() == null || !Question.TYPES.contains(q.type())) {
                throw ProblemException.badField(field + ".type", "must be one of " + Question.TYPES);
            }
            if (q.text() == null || q.text().isBlank() || q.text().length() > 1000) {
                throw ProblemException.badField(field + ".text", "must be 1-1000 characters");
            }
            List<Question.Choice> options = q.options();
            Integer min = q.minPicks();
            Integer max = q.maxPicks();
            if (Question.SINGLE.equals(q.type()) || Question.MULTIPLE.equals(q.type())) {
                checkChoices(options, field + ".options");
                if (Question.MULTIPLE.equals(q.type())) {
                    min = min == null ? (q.mustAnswer() ? 1 : 0) : min;
                    max = max == null ? options.size() : max;
                    if (min < 0 || max < 1 || min > max || max > options.size()) {
                        throw ProblemException.badField(field + ".maxPicks", "need 0 ≤ minPicks ≤ maxPicks ≤ options");
                    }
                }
            } else {
                options = null;
            }
            List<Question.Choice> rows = null;
            String scale = null;
            if (Question.MATRIX.equals(q.type())) {
                checkChoices(q.rows(), field + ".rows");
                rows = q.rows();
                scale = q.scale() == null ? Question.APPRAISAL : q.scale();
                if (!Question.SCALES.contains(scale)) {
                    throw ProblemException.badField(field + ".scale", "must be one of " + Question.SCALES);
                }
            }
            Integer maxLength = null;
            if (Question.TEXT.equals(q.type())) {
                maxLength = q.maxLength() == null ? 500 : q.maxLength();
                if (maxLength < 1 || maxLength > MAX_TEXT) {
                    throw ProblemException.badField(field + ".maxLength", "must be 1-" + MAX_TEXT);
                }
            }
            if (q.showIf() != null) {
                Question on = earlier.get(q.showIf().question());
                if (on == null || Question.MATRIX.equals(on.type()) || Question.TEXT.equals(on.type())) {
                    throw ProblemException.badField(field + ".showIf.question", "must name an earlier choice or scale question");
                }
                Set<String> known = keys(on.effectiveOptions());
                if (q.showIf().anyOf() == null || q.showIf().anyOf().isEmpty() || !known.containsAll(q.showIf().anyOf())) {
                    throw ProblemException.badField(field + ".showIf.anyOf", "must list options of " + on.key());
                }
            }
            Question normal = new Question(key, q.type(), q.text(), q.mustAnswer(), options,
                    Question.MULTIPLE.equals(q.type()) ? min : null, Question.MULTIPLE.equals(q.type()) ? max : null,
                    rows, scale, maxLength, q.showIf());
            earlier.put(key, normal);
            out.add(normal);
        }
        return out;
    }

    /**
     * @return question key → normalised answer: a String (one option or text), a List of option keys,
     *         or a Map of matrix row → option; questions not answered (or hidden) are absent
     */
    public static Map<String, Object> check(List<Question> questions, JsonNode answers) {
        if (answers == null || !answers.isObject()) {
            throw ProblemException.badField("answers", "must be an object of question key → answer");
        }
        Map<String, Question> byKey = new LinkedHashMap<>();
        questions.forEach(q -> byKey.put(q.key(), q));
        answers.fieldNames().forEachRemaining(k -> {
            if (!byKey.containsKey(k)) {
                throw ProblemException.badField("answers." + k, "no such question");
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        for (Question q : questions) {
            String field = "answers." + q.key();
            JsonNode a = answers.get(q.key());
            boolean present = a != null && !a.isNull() && !(a.isTextual() && a.asText().isBlank())
                    && !(a.isContainerNode() && a.isEmpty());
            if (!shown(q, out)) {
                if (present) {
                    throw ProblemException.badField(field, "is not asked given the answer to " + q.showIf().question());
                }
                continue;
            }
            if (!present) {
                if (q.mustAnswer()) {
                    throw ProblemException.badField(field, "is required");
                }
                continue;
            }
            out.put(q.key(), answer(q, a, field));
        }
        return out;
    }

    private static Object answer(Question q, JsonNode a, String field) {
        Set<String> options = keys(q.effectiveOptions());
        switch (q.type()) {
            case Question.TEXT -> {
                if (!a.isTextual()) {
                    throw ProblemException.badField(field, "must be text");
                }
                String text = a.asText().strip();
                if (text.codePointCount(0, text.length()) > q.maxLength()) {
                    throw ProblemException.badField(field, "must be at most " + q.maxLength() + " characters");
                }
                return text;
            }
            case Question.MULTIPLE -> {
                if (!a.isArray()) {
                    throw ProblemException.badField(field, "must be a list of option keys");
                }
                List<String> picks = new ArrayList<>();
                for (JsonNode p : a) {
                    String key = p.asText();
                    if (!p.isValueNode() || !options.contains(key) || picks.contains(key)) {
                        throw ProblemException.badField(field, "unknown or repeated option " + key);
                    }
                    picks.add(key);
                }
                if (picks.size() < q.minPicks() || picks.size() > q.maxPicks()) {
                    throw ProblemException.badField(field, "pick between " + q.minPicks() + " and " + q.maxPicks() + " options");
                }
                return picks;
            }
            case Question.MATRIX -> {
                if (!a.isObject()) {
                    throw ProblemException.badField(field, "must be an object of row → rating");
                }
                Set<String> rows = keys(q.rows());
                Map<String, String> ratings = new LinkedHashMap<>();
                a.fieldNames().forEachRemaining(r -> {
                    String v = a.get(r).asText();
                    if (!rows.contains(r)) {
                        throw ProblemException.badField(field + "." + r, "no such row");
                    }
                    if (!a.get(r).isValueNode() || !options.contains(v)) {
                        throw ProblemException.badField(field + "." + r, "must be one of " + options);
                    }
                    ratings.put(r, v);
                });
                if (q.mustAnswer() && ratings.size() < rows.size()) {
                    throw ProblemException.badField(field, "every row must be rated");
                }
                return ratings;
            }
            default -> {
                String v = a.asText();
                if (!a.isValueNode() || !options.contains(v)) {
                    throw ProblemException.badField(field, "must be one of " + options);
                }
                return v;
            }
        }
    }

    private static boolean shown(Question q, Map<String, Object> earlier) {
        if (q.showIf() == null) {
            return true;
        }
        Object on = earlier.get(q.showIf().question());
        if (on instanceof String s) {
            return q.showIf().anyOf().contains(s);
        }
        if (on instanceof List<?> picks) {
            return picks.stream().anyMatch(q.showIf().anyOf()::contains);
        }
        return false;
    }

    private static void checkChoices(List<Question.Choice> choices, String field) {
        if (choices == null || choices.isEmpty() || choices.size() > 100) {
            throw ProblemException.badField(field, "must list 1-100 choices");
        }
        Set<String> seen = new HashSet<>();
        for (Question.Choice c : choices) {
            if (c == null || c.key() == null || !c.key().matches("[A-Za-z0-9_]{1,60}") || c.key().startsWith("_")
                    || !seen.add(c.key()) || c.label() == null || c.label().isBlank()) {
                throw ProblemException.badField(field, "each needs a unique key (letters, digits, _) and a label");
            }
        }
    }

    private static Set<String> keys(List<Question.Choice> choices) {
        Set<String> keys = new HashSet<>();
        choices.forEach(c -> keys.add(c.key()));
        return keys;
    }

    private Questionnaire() {
    }
}
