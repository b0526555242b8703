package io.zhengfeng.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code io.zhengfeng.survey.invitation_sent.v1} and {@code io.zhengfeng.survey.reminder_due.v1}:
 * which letter, of which group, by which channel. Never the token, never the invitee's name or address.
 *
 * @param channel  post or email
 * @param reminder 0 for the letter itself, n for the n-th reminder
 */
public record SurveyInvitationEvent(
        UUID surveyId,
        UUID invitationId,
        String letterNo,
        String respondentGroup,
        String channel,
        int reminder,
        Instant occurredAt) {
}
