package io.zhengfeng.survey.service;

import java.time.Instant;
import java.util.List;

/** What staff write: a new survey, or a draft's replacement. */
public record SurveyDraft(String title, String description, Integer campaignYear, String audience,
        Instant opensAt, Instant closesAt, List<Question> questions) {
}
