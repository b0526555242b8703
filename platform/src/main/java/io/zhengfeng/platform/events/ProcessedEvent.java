package io.zhengfeng.platform.events;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeRegistration;
import org.hibernate.type.SqlTypes;

import io.zhengfeng.platform.persistence.MicrosecondInstantJdbcType;

/**
 * Inbox of applied events: its primary key makes a second application of one ce_id impossible.
 * Every service has this entity, so it also carries the persistence unit's instant binding.
 */
@Entity
@JdbcTypeRegistration(value = MicrosecondInstantJdbcType.class, registrationCode = SqlTypes.TIMESTAMP_UTC)
@Table(name = "processed_event")
public class ProcessedEvent {
    @Id
    @Column(name = "event_id", length = 36)
    public String eventId;

    @Column(name = "event_type", nullable = false, length = 200)
    public String type;

    @Column(nullable = false, length = 200)
    public String topic;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    /** Rows are written by {@link EventApplier} (one INSERT, or one batch); the entity only reads them. */
    protected ProcessedEvent() {
    }
}
