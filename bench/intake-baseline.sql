-- =====================================================================================
-- Zhengfeng intake benchmark: the raw JDBC ceiling (io.zhengfeng.local.JdbcIntakeBaseline)
--
-- THE ONE PLACE TO ADJUST when complaint-service's tables change. One iteration of the
-- baseline = `complaint_insert` + `outbox_insert` + `extra_inserts` + COMMIT, on one
-- connection per thread with autocommit off: the least a citizen's submission can cost the
-- database.
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
--   :complaint_id  :event_id        version-7 UUID strings (36 chars), as platform's RowIds draws them;
--                                   :complaint_id_bytes BINARY(16)
--   :tracking_number  e.g. ZF20261202-0000123456   :access_code 8 chars  :access_code_hash SHA-256 hex
--   :kind :channel :category :status(SUBMITTED)   :content (Chinese text, ~120 chars)
--   :title (its category's title)  :redacted_content (the content with the contact's name replaced)
--   :contact_name :contact_phone (plain)  :contact_enc (48 random bytes, as if encrypted)
--   :contact_enc_b64 (the same, Base64)   :now :acceptance_due_at (TIMESTAMP, now + 1 day)
--   :topic (zhengfeng.complaints) :event_type (io.zhengfeng.complaint.submitted.v1)
--   :source (/zhengfeng/complaint-service) :shard (0..7) :payload (event JSON)
--   :request_id :traceparent   :zero (0)  :one (1)  :false  :true (booleans)
-- Sections start with a line "-- @name" (complaint_insert, outbox_insert, extra_inserts, settle,
-- fallback_ddl);
-- statements end with ";" at the end of a line.
-- =====================================================================================

-- @complaint_insert
-- complaint-service's `complaint` table (db/migration/V1__complaints.sql + V11_1 redacted text),
-- the columns ComplaintIntake fills for a web submission with a title and a name + phone contact:
-- the text as sent and redacted, the contact encrypted (AES-GCM, Base64 with its key id in the service).
INSERT INTO complaint
    (id, tracking_number, access_code_hash, kind, channel, category, status, title, content,
     redacted_title, redacted_content, anonymous, confidential, contact_name, contact_phone,
     submitted_at, acceptance_due_at, updated_at, version)
VALUES
    (:complaint_id, :tracking_number, :access_code_hash, :kind, :channel, :category, :status, :title, :content,
     :title, :redacted_content, :false, :false, :contact_enc_b64, :contact_enc_b64,
     :now, :acceptance_due_at, :now, :zero);

-- @outbox_insert
-- platform's outbox (db/platform/V0_1__outbox_and_processed_events.sql, entity OutboxEvent).
INSERT INTO outbox_event
    (event_id, topic, event_type, source, subject, shard, payload, occurred_at, request_id, traceparent)
VALUES
    (:event_id, :topic, :event_type, :source, :complaint_id, :shard, :payload, :now, :request_id, :traceparent);

-- @extra_inserts
-- The two other rows ComplaintIntake writes in the same transaction (service/History and
-- service/AuditTrail): the complaint's first history entry and the audit entry of the submission.
INSERT INTO complaint_history
    (complaint_id, at, actor, actor_role, action, from_status, to_status, department, detail)
VALUES
    (:complaint_id, :now, 'anonymous', 'citizen', 'submit', NULL, 'submitted', NULL, 'via web');
INSERT INTO audit_entry
    (at, actor, actor_roles, action, subject_id, outcome, detail, request_id)
VALUES
    (:now, 'anonymous', NULL, 'complaint.submit', :complaint_id, 'allowed', 'complaint/web', :request_id);

-- @settle
-- Optional. Before it starts, the baseline waits (at most 60 s) until this query answers 0:
-- here, until complaint-service's relay has published what the gateway run left in its outbox,
-- so both measurements start from an idle suite. Skipped if it fails (no such table yet).
SELECT COUNT(*) FROM zf_complaint.outbox_event WHERE published_at IS NULL;

-- @fallback_ddl
-- Used only for a table that zf_complaint does not have yet (complaint-service never ran);
-- copies of the migrations' tables, reduced to the columns the inserts use.
CREATE TABLE complaint (
    id                CHAR(36)     NOT NULL,
    tracking_number   VARCHAR(32)  NOT NULL,
    access_code_hash  CHAR(64)     NOT NULL,
    kind              VARCHAR(20)  NOT NULL,
    channel           VARCHAR(30)  NOT NULL,
    category          VARCHAR(50)  NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    title             VARCHAR(200) NULL,
    content           TEXT         NOT NULL,
    redacted_title    VARCHAR(400) NULL,
    redacted_content  TEXT         NULL,
    anonymous         BOOLEAN      NOT NULL,
    confidential      BOOLEAN      NOT NULL,
    contact_name      VARCHAR(600) NULL,
    contact_phone     VARCHAR(600) NULL,
    department        VARCHAR(50)  NULL,
    submitted_at      DATETIME(6)  NOT NULL,
    acceptance_due_at DATETIME(6)  NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0,
    updated_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_complaint_tracking (tracking_number),
    KEY ix_complaint_status (status, submitted_at),
    KEY ix_complaint_department (department, status, submitted_at),
    KEY ix_complaint_submitted (submitted_at),
    KEY ix_complaint_category (category, submitted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

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
