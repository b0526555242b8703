package io.zhengfeng.complaint.service;

import java.time.Instant;

/** Staff search criteria; every field optional. */
public record ComplaintFilter(Status status, Kind kind, String category, String department, Channel channel,
        Boolean overdue, Instant from, Instant to, String text) {
}
