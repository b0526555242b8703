-- =====================================================================================
-- Zhengfeng intake benchmark: the raw JDBC ceiling (io.zhengfeng.local.JdbcIntakeBaseline)
--
-- THE ONE PLACE TO ADJUST when complaint-service's tables change. One iteration of the
-- baseline = `complaint_insert` + `outbox_insert` + COMMIT, on one connection per thread
-- with autocommit off: the least a citizen's submission can cost the database.
--
-- Where it writes: a scratch schema (zf_bench_intake by default), never the service's own
-- tables (fake complaints would reach the spokesperson, fake outbox rows would be relayed
-- to Kafka). Each table named in an INSERT below is created there as
--     CREATE TABLE zf_bench_intake.<t> LIKE zf_complaint.<t>
-- (same columns and indexes as complaint-service's Flyway schema; foreign keys are not
-- copied), or from the `fallback_ddl` section when zf_complaint has no such table yet.
-- The scratch schema is dropped at the end.
--
-- Placeholders are :names (each becomes a JDBC ?). Values, fresh for every iteration:
--   :complaint_id  :event_id        UUID strings (36 chars); :complaint_id_bytes BINARY(16)
--   :tracking_number  e.g. ZF20261202-0000123456   :access_code 8 chars  :access_code_hash SHA-256 hex
--   :kind :channel :category :status(SUBMITTED)   :content (Chinese text, ~120 chars)
--   :contact_name :contact_phone (plain)  :contact_enc (48 random bytes, as if encrypted)
--   :contact_enc_b64 (the same, Base64)   :now :acceptance_due_at (TIMESTAMP, now + 1 day)
--   :topic (zhengfeng.complaints) :event_type (io.zhengfeng.complaint.submitted.v1)
--   :source (/zhengfeng/complaint-service) :shard (0..7) :payload (event JSON)
--   :request_id :traceparent   :zero (0)  :one (1)
-- Sections start with a line "-- @name"; statements end with ";" at the end of a line.
-- =====================================================================================

-- @complaint_insert
-- TODO(lead): columns of complaint-service's `complaint` table (guessed).
INSERT INTO complaint
    (id, tracking_number, access_code_hash, kind, channel, category, status, content,
     contact_name_enc, contact_phone_enc, submitted_at, acceptance_due_at, created_at, updated_at, version)
VALUES
    (:complaint_id, :tracking_number, :access_code_hash, :kind, :channel, :category, :status, :content,
     :contact_enc_b64, :contact_enc_b64, :now, :acceptance_due_at, :now, :now, :zero);

-- @outbox_insert
-- Columns of platform's OutboxEvent entity (io.zhengfeng.platform.events.OutboxEvent).
INSERT INTO outbox_event
    (event_id, topic, event_type, source, subject, shard, payload, occurred_at, request_id, traceparent)
VALUES
    (:event_id, :topic, :event_type, :source, :complaint_id, :shard, :payload, :now, :request_id, :traceparent);

-- @fallback_ddl
-- Used only for a table that zf_complaint does not have yet (complaint-service never ran).
CREATE TABLE complaint (
    id                CHAR(36)     NOT NULL PRIMARY KEY,
    tracking_number   VARCHAR(32)  NOT NULL,
    access_code_hash  VARCHAR(128) NOT NULL,
    kind              VARCHAR(32)  NOT NULL,
    channel           VARCHAR(32)  NOT NULL,
    category          VARCHAR(64)  NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    content           TEXT         NOT NULL,
    contact_name_enc  VARCHAR(512),
    contact_phone_enc VARCHAR(512),
    submitted_at      DATETIME(6)  NOT NULL,
    acceptance_due_at DATETIME(6)  NOT NULL,
    created_at        DATETIME(6)  NOT NULL,
    updated_at        DATETIME(6)  NOT NULL,
    version           INT          NOT NULL,
    UNIQUE KEY uk_complaint_tracking (tracking_number),
    KEY ix_complaint_status_due (status, acceptance_due_at)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE outbox_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id     VARCHAR(36)  NOT NULL,
    topic        VARCHAR(200) NOT NULL,
    event_type   VARCHAR(200) NOT NULL,
    source       VARCHAR(200) NOT NULL,
    subject      VARCHAR(64)  NOT NULL,
    shard        INT          NOT NULL,
    payload      LONGTEXT     NOT NULL,
    occurred_at  DATETIME(6)  NOT NULL,
    request_id   VARCHAR(100),
    traceparent  VARCHAR(100),
    published_at DATETIME(6),
    UNIQUE KEY uk_outbox_event_id (event_id),
    KEY ix_outbox_unpublished (shard, published_at, id)
) DEFAULT CHARSET = utf8mb4;
