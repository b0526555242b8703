-- One row per calendar year: the State Council notice as loaded by admin (or bundled at first
-- start) and a version that increases with every change of the year, its overrides included.
-- The whole year is published as one event (zhengfeng.calendar) after each change.
CREATE TABLE calendar_year (
    year         INT           NOT NULL,
    announced    BOOLEAN       NOT NULL,
    notice       VARCHAR(200)  NULL,
    published    DATE          NULL,
    holidays     TEXT          NOT NULL,
    make_up_days TEXT          NOT NULL,
    version      BIGINT        NOT NULL,
    changed_by   VARCHAR(100)  NOT NULL,
    changed_at   DATETIME(6)   NOT NULL,
    PRIMARY KEY (year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A deadline reaching a year without holiday data is counted Monday–Friday and provisional:
-- recomputed when the year is loaded.
ALTER TABLE complaint
    ADD COLUMN acceptance_due_provisional BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN reply_due_provisional      BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN follow_up_due_provisional  BOOLEAN NOT NULL DEFAULT FALSE;

-- overdue belongs to the open stage: a replied, closed or rejected complaint is late no more
-- (replied_on_time / accepted_on_time keep the record).
UPDATE complaint SET overdue = FALSE WHERE status IN ('REPLIED', 'CLOSED', 'REJECTED');
