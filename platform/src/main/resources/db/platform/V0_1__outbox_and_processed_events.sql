-- Platform tables every service carries in its own schema (transactional outbox, consumer inbox).
CREATE TABLE outbox_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    event_id     CHAR(36)     NOT NULL,
    topic        VARCHAR(200) NOT NULL,
    event_type   VARCHAR(200) NOT NULL,
    source       VARCHAR(200) NOT NULL,
    subject      VARCHAR(64)  NOT NULL,
    shard        INT          NOT NULL,
    payload      LONGTEXT     NOT NULL,
    occurred_at  DATETIME(6)  NOT NULL,
    request_id   VARCHAR(100) NULL,
    traceparent  VARCHAR(100) NULL,
    published_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_event_id (event_id),
    KEY ix_outbox_pending (shard, published_at, id),
    KEY ix_outbox_published (published_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One lock row per relay shard: FOR UPDATE SKIP LOCKED on it lets replicas share the work
-- while one shard's events (one aggregate's, in order) are only ever sent by one relay at a time.
CREATE TABLE outbox_shard (
    shard INT NOT NULL,
    PRIMARY KEY (shard)
) ENGINE = InnoDB;
INSERT INTO outbox_shard (shard) VALUES (0), (1), (2), (3), (4), (5), (6), (7);

CREATE TABLE processed_event (
    event_id     CHAR(36)     NOT NULL,
    event_type   VARCHAR(200) NOT NULL,
    topic        VARCHAR(200) NOT NULL,
    processed_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
