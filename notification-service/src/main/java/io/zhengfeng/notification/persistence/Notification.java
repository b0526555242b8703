package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One notification to one recipient on one channel, and its delivery log entry. Inserted only by
 * {@link NotificationRepository#insertAllOnce}, which the unique key (dedupKey, recipient, channel)
 * makes idempotent.
 */
@Entity
@Table(name = "notification")
public class Notification {
    /** Internal insertion order: stable paging and the live stream's cursor. Never shown. */
    @Id
    public Long seq;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 36, nullable = false)
    public UUID id;

    @Column(name = "dedup_key", nullable = false, length = 190)
    public String dedupKey;

    /** {@code user:<name>}, {@code role:<role>[@<dept>]} or {@code webhook:<id>}; see {@code Audience}. */
    @Column(nullable = false, length = 190)
    public String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Channel channel;

    @Column(nullable = false, length = 40)
    public String type;

    @Column(name = "subject_type", length = 40)
    public String subjectType;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "subject_id", length = 36)
    public UUID subjectId;

    /** JSON object: what the templates and the webhook body are made of. */
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    public String params;

    /** Escalations: delivered even in the recipient's quiet hours. */
    @Column(nullable = false)
    public boolean urgent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "fired_by", nullable = false, length = 100)
    public String firedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
