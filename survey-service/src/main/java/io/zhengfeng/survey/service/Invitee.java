package io.zhengfeng.survey.service;

/** One invitee as imported (JSON or a CSV row). Name, e-mail and address are personal data. */
public record Invitee(String organisation, String name, String group, String email, String address) {
}
