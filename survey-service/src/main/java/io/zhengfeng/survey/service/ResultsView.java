package io.zhengfeng.survey.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A survey's results for one pool of answers (invited, public or all). Percentages and rates are
 * percent with one decimal; a rate without any answer is null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsView(String surveyId, String title, String status, String pool, long answers,
        Double satisfactionRate, ResponseRate responseRate, List<QuestionResult> questions, List<Breakdown> byGroup,
        List<Breakdown> byChannel) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionResult(String key, String type, String text, long answered, List<OptionCount> options,
            Double satisfactionRate, Double average, List<RowResult> rows) {
    }

    /** A matrix row: one department or service window and its ratings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowResult(String key, String label, long answered, List<OptionCount> options, Double satisfactionRate,
            Double average) {
    }

    public record OptionCount(String key, String label, long count, Double percent) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Breakdown(String key, long answers, Double satisfactionRate) {
    }

    public record ResponseRate(long invited, long sent, long returned, Double rate, List<GroupRate> byGroup) {
    }

    public record GroupRate(String group, long invited, long sent, long returned, Double rate) {
    }
}
