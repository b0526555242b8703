package io.zhengfeng.survey.service;

import java.time.Instant;
import java.util.List;

/** A survey as staff see it (and, without the staff fields, as a respondent sees it). */
public record SurveyView(String id, String title, String description, int campaignYear, String audience, String status,
        Instant opensAt, Instant closesAt, Instant openedAt, Instant closedAt, Instant publishedAt,
        List<Question> questions) {
}
