-- notification-service schema. Runs on MySQL 8.4 and MariaDB 10.11.
-- Times are DATETIME(6) in UTC (quarkus.hibernate-orm.jdbc.timezone=UTC).

-- One durable timer per open deadline, whatever owns it (subject_type + deadline_kind), walking the
-- ladder REMINDER -> OVERDUE -> ESCALATION. next_fire_at is when its next rung is due.
CREATE TABLE timer (
    id            CHAR(36)     NOT NULL,
    subject_type  VARCHAR(40)  NOT NULL,
    subject_id    CHAR(36)     NOT NULL,
    deadline_kind VARCHAR(40)  NOT NULL,
    reference     VARCHAR(64)  NULL,
    department    VARCHAR(100) NULL,
    start_at      DATETIME(6)  NOT NULL,
    due_at        DATETIME(6)  NOT NULL,
    generation    INT          NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    next_rung     VARCHAR(16)  NULL,
    next_fire_at  DATETIME(6)  NULL,
    breached_at   DATETIME(6)  NULL,
    observed_at   DATETIME(6)  NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_timer_deadline (subject_type, subject_id, deadline_kind),
    -- The polling query walks only this index's PENDING range up to now: its cost is the due
    -- timers', not the pending ones'.
    KEY ix_timer_due (state, next_fire_at),
    KEY ix_timer_open (state, due_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every notification on every channel, and the delivery log. uk_notification_once makes a second
-- notification for the same cause, recipient and channel impossible, however often an event is
-- redelivered or a firing retried.
CREATE TABLE notification (
    seq             BIGINT       NOT NULL AUTO_INCREMENT,
    id              CHAR(36)     NOT NULL,
    dedup_key       VARCHAR(190) NOT NULL,
    recipient       VARCHAR(190) NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    type            VARCHAR(40)  NOT NULL,
    subject_type    VARCHAR(40)  NULL,
    subject_id      CHAR(36)     NULL,
    params          LONGTEXT     NOT NULL,
    urgent          BOOLEAN      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at DATETIME(6)  NULL,
    last_error      VARCHAR(500) NULL,
    fired_by        VARCHAR(100) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    delivered_at    DATETIME(6)  NULL,
    PRIMARY KEY (seq),
    UNIQUE KEY uk_notification_id (id),
    UNIQUE KEY uk_notification_once (dedup_key, recipient, channel),
    KEY ix_notification_inbox (channel, recipient, seq),
    KEY ix_notification_due (status, next_attempt_at),
    KEY ix_notification_recent (channel, created_at),
    KEY ix_notification_subject (subject_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Read marks, per user: an inbox item addressed to a role is read or unread for each of its holders.
CREATE TABLE inbox_read (
    username         VARCHAR(100) NOT NULL,
    notification_seq BIGINT       NOT NULL,
    read_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (username, notification_seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Local copy of the gateway's staff accounts (topic zhengfeng.accounts).
CREATE TABLE directory_account (
    username     VARCHAR(100) NOT NULL,
    account_id   CHAR(36)     NULL,
    display_name VARCHAR(200) NULL,
    email        VARCHAR(254) NULL,
    department   VARCHAR(100) NULL,
    locale       VARCHAR(20)  NULL,
    active       BOOLEAN      NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (username),
    KEY ix_directory_department (department)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE directory_account_role (
    username VARCHAR(100) NOT NULL,
    role     VARCHAR(40)  NOT NULL,
    PRIMARY KEY (username, role),
    KEY ix_directory_role (role),
    CONSTRAINT fk_directory_role_account FOREIGN KEY (username) REFERENCES directory_account (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE notification_preference (
    username    VARCHAR(100) NOT NULL,
    channels    LONGTEXT     NOT NULL,
    quiet_start TIME         NULL,
    quiet_end   TIME         NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE webhook (
    id          CHAR(36)      NOT NULL,
    url         VARCHAR(2000) NOT NULL,
    secret      VARCHAR(200)  NOT NULL,
    event_types VARCHAR(500)  NOT NULL,
    active      BOOLEAN       NOT NULL,
    created_by  VARCHAR(100)  NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per digest day: its primary key lets exactly one replica send that day's digest.
CREATE TABLE digest_run (
    digest_date DATE         NOT NULL,
    ran_at      DATETIME(6)  NOT NULL,
    ran_by      VARCHAR(100) NOT NULL,
    PRIMARY KEY (digest_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
