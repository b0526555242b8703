package io.zhengfeng.survey.service;

import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One question of a survey, as stored (JSON) and as shown.
 *
 * @param type      single, multiple, appraisal (满意/基本满意/不满意), scale5, scale10, matrix, text
 * @param options   choices of single / multiple; derived for the scales
 * @param rows      what a matrix rates (departments, service windows)
 * @param scale     the scale of a matrix: appraisal, scale5 or scale10
 * @param maxLength cap of a free-text answer
 * @param showIf    shown only when an earlier question's answer is one of the listed option keys
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Question(String key, String type, String text, Boolean required, List<Choice> options,
        Integer minPicks, Integer maxPicks, List<Choice> rows, String scale, Integer maxLength, ShowIf showIf) {

    public static final String SINGLE = "single";
    public static final String MULTIPLE = "multiple";
    public static final String APPRAISAL = "appraisal";
    public static final String SCALE5 = "scale5";
    public static final String SCALE10 = "scale10";
    public static final String MATRIX = "matrix";
    public static final String TEXT = "text";
    public static final List<String> TYPES = List.of(SINGLE, MULTIPLE, APPRAISAL, SCALE5, SCALE10, MATRIX, TEXT);
    public static final List<String> SCALES = List.of(APPRAISAL, SCALE5, SCALE10);

    public static final String SATISFIED = "satisfied";
    public static final String BASICALLY_SATISFIED = "basically_satisfied";
    public static final String DISSATISFIED = "dissatisfied";

    public record Choice(String key, String label) {
    }

    public record ShowIf(String question, List<String> anyOf) {
    }

    public boolean mustAnswer() {
        return Boolean.TRUE.equals(required);
    }

    /** The options an answer picks from: a matrix's cells use its scale. */
    public List<Choice> effectiveOptions() {
        String s = MATRIX.equals(type) ? scale : type;
        return scaleOptions(s).orElse(options == null ? List.of() : options);
    }

    /** Whether ratings of this question count towards the satisfaction rate. */
    public boolean appraisalScale() {
        return APPRAISAL.equals(type) || (MATRIX.equals(type) && APPRAISAL.equals(scale));
    }

    public boolean numericScale() {
        String s = MATRIX.equals(type) ? scale : type;
        return SCALE5.equals(s) || SCALE10.equals(s);
    }

    static java.util.Optional<List<Choice>> scaleOptions(String scale) {
        if (scale == null) {
            return java.util.Optional.empty();
        }
        return switch (scale) {
            case APPRAISAL -> java.util.Optional.of(List.of(new Choice(SATISFIED, "满意"),
                    new Choice(BASICALLY_SATISFIED, "基本满意"), new Choice(DISSATISFIED, "不满意")));
            case SCALE5 -> java.util.Optional.of(numbers(5));
            case SCALE10 -> java.util.Optional.of(numbers(10));
            default -> java.util.Optional.empty();
        };
    }

    private static List<Choice> numbers(int max) {
        return IntStream.rangeClosed(1, max).mapToObj(i -> new Choice(Integer.toString(i), Integer.toString(i))).toList();
    }
}
