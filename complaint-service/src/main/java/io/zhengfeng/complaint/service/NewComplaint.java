package io.zhengfeng.complaint.service;

/** What a citizen (or the spokesperson on their behalf) submits. */
public record NewComplaint(Kind kind, Channel channel, String category, String title, String content,
        ContactDetails contact, Boolean confidential) {
}
