package io.zhengfeng.notification.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A third party's endpoint, registered by admin, that receives notifications of some types. */
@Entity
@Table(name = "webhook")
public class Webhook {
    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 36)
    public UUID id;

    @Column(nullable = false, length = 2000)
    public String url;

    /** HMAC key of the signature header; never returned by the API. */
    @Column(nullable = false, length = 200)
    public String secret;

    /** Comma-separated notification types. */
    @Column(name = "event_types", nullable = false, length = 500)
    public String eventTypes;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_by", nullable = false, length = 100)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
