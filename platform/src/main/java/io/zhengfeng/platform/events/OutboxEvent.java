package io.zhengfeng.platform.events;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event waiting to be published, written in the same transaction as the state change it
 * describes. The sequential id gives the publishing order; {@code eventId} is the CloudEvents id,
 * stable across re-publication so consumers can drop duplicates.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, length = 36)
    public String eventId;

    @Column(nullable = false, length = 200)
    public String topic;

    @Column(name = "event_type", nullable = false, length = 200)
    public String type;

    @Column(nullable = false, length = 200)
    public String source;

    /** Aggregate id: the Kafka record key. */
    @Column(nullable = false, length = 64)
    public String subject;

    /** Relay partition: all events of one aggregate share a shard, so they leave in order. */
    @Column(nullable = false)
    public int shard;

    @Column(nullable = false, columnDefinition = "LONGTEXT")
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "request_id", length = 100)
    public String requestId;

    @Column(length = 100)
    public String traceparent;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Set when the relay found the row unsendable for good; a parked row is no longer relayed. */
    @Column(name = "parked_at")
    public Instant parkedAt;

    @Column(name = "park_reason", length = 1000)
    public String parkReason;
}
