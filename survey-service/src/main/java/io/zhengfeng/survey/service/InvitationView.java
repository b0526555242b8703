package io.zhengfeng.survey.service;

import java.time.LocalDate;

/** A letter as staff see it; personal data masked unless revealed (and audited). */
public record InvitationView(String id, String letterNo, String group, String organisation, String name, String email,
        String address, boolean sent, LocalDate sentOn, boolean answered, LocalDate answeredOn, int reminders) {
}
