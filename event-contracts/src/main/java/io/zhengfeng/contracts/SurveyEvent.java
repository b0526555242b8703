package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of the survey lifecycle events ({@code io.zhengfeng.survey.{scheduled,opened,closed,published}.v1}):
 * the survey's state after the change. Never a token, never an invitee's personal data.
 *
 * @param audience      public, invited or both
 * @param openDeadlines the opening and closing instants still ahead ({@link Deadline#SURVEY_OPENING},
 *                      {@link Deadline#SURVEY_CLOSING}); the notification service keeps their timers
 * @param summary       the figures at this point (complete on {@code closed})
 */
public record SurveyEvent(
        UUID surveyId,
        String title,
        int campaignYear,
        String audience,
        String status,
        String previousStatus,
        List<Deadline> openDeadlines,
        Summary summary,
        Instant occurredAt) {

    /**
     * @param satisfactionRate (满意 + 基本满意) ÷ appraisal ratings, null without any
     */
    public record Summary(long lettersSent, long lettersReturned, long answers, long invitedAnswers,
            long publicAnswers, Double satisfactionRate) {
    }
}
