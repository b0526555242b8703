-- Re-encryption of personal data after a key rotation (platform pii/RekeyJob): one row per run,
-- its cursor (the last row id done) saved with every batch, so a restart resumes there.
-- running_slot is 'R' while a run is unfinished and NULL after: the unique key allows one at a time.
CREATE TABLE pii_rekey_job (
    id              CHAR(36)     NOT NULL,
    target_key      VARCHAR(60)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    running_slot    CHAR(1)      NULL,
    cursor_id       CHAR(36)     NULL,
    rows_scanned    BIGINT       NOT NULL DEFAULT 0,
    rows_resealed   BIGINT       NOT NULL DEFAULT 0,
    values_resealed BIGINT       NOT NULL DEFAULT 0,
    batches         INT          NOT NULL DEFAULT 0,
    started_by      VARCHAR(100) NOT NULL,
    started_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    completed_at    DATETIME(6)  NULL,
    last_error      VARCHAR(500) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_pii_rekey_running (running_slot),
    KEY ix_pii_rekey_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
