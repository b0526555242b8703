package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.UUID;

/** The only time the access code is ever shown: it is stored as a hash. */
public record Submitted(UUID id, String trackingNumber, String accessCode, Status status, Instant acceptanceDueAt) {
}
