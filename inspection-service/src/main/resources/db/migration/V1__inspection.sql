-- inspection-service schema. Plain SQL that runs on MySQL 8.4 and MariaDB 10.11 alike:
-- no JSON columns, no CHECK constraints relied on, CHAR(36) UUIDs.

-- Check templates are versioned: a template (code, version) never changes once an inspection uses it;
-- a new wording is a new version. Inspections keep the template id they were planned with.
CREATE TABLE check_template (
    id          CHAR(36)     NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    version     INT          NOT NULL,
    title       VARCHAR(200) NOT NULL,
    source      VARCHAR(500) NULL,
    created_by  VARCHAR(100) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_template_code_version (code, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE check_item (
    id          CHAR(36)     NOT NULL,
    template_id CHAR(36)     NOT NULL,
    position    INT          NOT NULL,
    label       VARCHAR(50)  NOT NULL,
    check_text  VARCHAR(1000) NOT NULL,
    look_text   VARCHAR(1000) NOT NULL,
    pledge_text VARCHAR(1000) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_item_position (template_id, position),
    CONSTRAINT fk_item_template FOREIGN KEY (template_id) REFERENCES check_template (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- 六查六看六不让, word for word from the seed report (including its wording "话难昕").
INSERT INTO check_template (id, code, version, title, source, created_by, created_at) VALUES
    ('00000000-0000-4000-8000-000000000001', 'six-checks', 1, '六查六看六不让',
     '青山规划国土分局政风行风建设自查自纠报告 一、(五)', 'system', '2026-01-01 00:00:00');
INSERT INTO check_item (id, template_id, position, label, check_text, look_text, pledge_text) VALUES
    ('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000001', 1, '一查', '党风廉政建设责任落实情况', '有无以权谋私、以土谋私、贪污受贿和“吃、拿、卡、要”行为', '规划国土形象在我手里受损'),
    ('00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000000001', 2, '二查', '执法、办事行为是否规范', '有无“不给好处不办事、给了好处乱办事”的现象', '各种不良风气在我身上出现'),
    ('00000000-0000-4000-8000-000000000103', '00000000-0000-4000-8000-000000000001', 3, '三查', '政令是否畅通', '是否存在有令不行、有禁不止的现象', '正在办理的公务在我这里积压'),
    ('00000000-0000-4000-8000-000000000104', '00000000-0000-4000-8000-000000000001', 4, '四查', '服务态度和服务质量', '有无“门难进、脸难看、话难昕、事难办”等现象', '前来咨询、办事的服务对象在我这里受到冷落'),
    ('00000000-0000-4000-8000-000000000105', '00000000-0000-4000-8000-000000000001', 5, '五查', '办事效率', '有无“推、拖、拉”和工作效率低下的现象', '群众要办的事情在我手里延误'),
    ('00000000-0000-4000-8000-000000000106', '00000000-0000-4000-8000-000000000001', 6, '六查', '服务承诺制、责任追究制、限时办结制执行情况', '有无不按时办结、不兑现承诺、不热情接待等现象发生', '各种差错在我手里发生');

CREATE TABLE campaign (
    id                CHAR(36)     NOT NULL,
    year              INT          NOT NULL,
    title             VARCHAR(200) NOT NULL,
    plan_text         LONGTEXT     NULL,
    current_phase     VARCHAR(64)  NULL,
    report_problems   LONGTEXT     NULL,
    report_causes     LONGTEXT     NULL,
    report_next_steps LONGTEXT     NULL,
    created_by        VARCHAR(100) NOT NULL,
    created_at        DATETIME(6)  NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_campaign_year (year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE campaign_phase (
    id          CHAR(36)     NOT NULL,
    campaign_id CHAR(36)     NOT NULL,
    position    INT          NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    starts_on   DATE         NULL,
    ends_on     DATE         NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_phase_code (campaign_id, code),
    CONSTRAINT fk_phase_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Leading group (领导小组) and task force (工作专班): gateway account usernames.
CREATE TABLE campaign_member (
    campaign_id CHAR(36)     NOT NULL,
    body        VARCHAR(20)  NOT NULL,
    username    VARCHAR(100) NOT NULL,
    duty        VARCHAR(100) NULL,
    PRIMARY KEY (campaign_id, body, username),
    CONSTRAINT fk_member_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE inspection (
    id                    CHAR(36)     NOT NULL,
    campaign_id           CHAR(36)     NULL,
    template_id           CHAR(36)     NOT NULL,
    type                  VARCHAR(20)  NOT NULL,
    scope                 VARCHAR(20)  NOT NULL,
    target_kind           VARCHAR(20)  NOT NULL,
    target_department     VARCHAR(64)  NOT NULL,
    target_name           VARCHAR(200) NULL,
    inspecting_department VARCHAR(64)  NULL,
    status                VARCHAR(20)  NOT NULL,
    planned_on            DATE         NULL,
    place                 VARCHAR(200) NULL,
    notes                 LONGTEXT     NULL,
    published_at          DATETIME(6)  NULL,
    published_summary     LONGTEXT     NULL,
    created_by            VARCHAR(100) NOT NULL,
    created_at            DATETIME(6)  NOT NULL,
    started_at            DATETIME(6)  NULL,
    completed_at          DATETIME(6)  NULL,
    version               BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_inspection_target (target_department, type),
    KEY ix_inspection_campaign (campaign_id),
    CONSTRAINT fk_inspection_template FOREIGN KEY (template_id) REFERENCES check_template (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE inspection_inspector (
    inspection_id CHAR(36)     NOT NULL,
    username      VARCHAR(100) NOT NULL,
    PRIMARY KEY (inspection_id, username),
    CONSTRAINT fk_inspector_inspection FOREIGN KEY (inspection_id) REFERENCES inspection (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE inspection_answer (
    inspection_id CHAR(36)     NOT NULL,
    item_id       CHAR(36)     NOT NULL,
    result        VARCHAR(20)  NOT NULL,
    note          VARCHAR(2000) NULL,
    answered_by   VARCHAR(100) NOT NULL,
    answered_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (inspection_id, item_id),
    CONSTRAINT fk_answer_inspection FOREIGN KEY (inspection_id) REFERENCES inspection (id),
    CONSTRAINT fk_answer_item FOREIGN KEY (item_id) REFERENCES check_item (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Supervisors (政风行风监督员): name and contact hold ciphertext only.
CREATE TABLE supervisor (
    id            CHAR(36)     NOT NULL,
    name_enc      VARCHAR(500) NOT NULL,
    name_masked   VARCHAR(100) NOT NULL,
    organisation  VARCHAR(200) NOT NULL,
    term_start    DATE         NOT NULL,
    term_end      DATE         NOT NULL,
    contact_enc   VARCHAR(500) NULL,
    username      VARCHAR(100) NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE supervisor_activity (
    id            CHAR(36)     NOT NULL,
    supervisor_id CHAR(36)     NOT NULL,
    kind          VARCHAR(20)  NOT NULL,
    occurred_on   DATE         NOT NULL,
    department    VARCHAR(64)  NULL,
    place         VARCHAR(200) NULL,
    content       LONGTEXT     NOT NULL,
    recorded_by   VARCHAR(100) NOT NULL,
    recorded_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_activity_supervisor (supervisor_id),
    CONSTRAINT fk_activity_supervisor FOREIGN KEY (supervisor_id) REFERENCES supervisor (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A finding comes from an inspection or from a supervisor's activity.
CREATE TABLE finding (
    id                     CHAR(36)     NOT NULL,
    inspection_id          CHAR(36)     NULL,
    activity_id            CHAR(36)     NULL,
    item_id                CHAR(36)     NULL,
    severity               VARCHAR(20)  NOT NULL,
    description            LONGTEXT     NOT NULL,
    responsible_department VARCHAR(64)  NOT NULL,
    responsible_person     VARCHAR(100) NULL,
    status                 VARCHAR(20)  NOT NULL,
    self_found             BOOLEAN      NOT NULL DEFAULT FALSE,
    public_summary         VARCHAR(2000) NULL,
    recorded_by            VARCHAR(100) NOT NULL,
    recorded_at            DATETIME(6)  NOT NULL,
    closed_at              DATETIME(6)  NULL,
    version                BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_finding_inspection (inspection_id),
    KEY ix_finding_department (responsible_department),
    CONSTRAINT fk_finding_inspection FOREIGN KEY (inspection_id) REFERENCES inspection (id),
    CONSTRAINT fk_finding_activity FOREIGN KEY (activity_id) REFERENCES supervisor_activity (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE rectification_order (
    id                CHAR(36)     NOT NULL,
    finding_id        CHAR(36)     NOT NULL,
    reference         VARCHAR(40)  NOT NULL,
    measure           LONGTEXT     NOT NULL,
    owner             VARCHAR(100) NOT NULL,
    department        VARCHAR(64)  NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    start_at          DATETIME(6)  NOT NULL,
    due_at            DATETIME(6)  NOT NULL,
    overdue           BOOLEAN      NOT NULL DEFAULT FALSE,
    overdue_at        DATETIME(6)  NULL,
    rounds            INT          NOT NULL DEFAULT 1,
    reported_at       DATETIME(6)  NULL,
    report_text       LONGTEXT     NULL,
    verified_at       DATETIME(6)  NULL,
    verified_by       VARCHAR(100) NULL,
    effective         BOOLEAN      NULL,
    created_by        VARCHAR(100) NOT NULL,
    created_at        DATETIME(6)  NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_order_reference (reference),
    KEY ix_order_finding (finding_id),
    KEY ix_order_department (department, status),
    CONSTRAINT fk_order_finding FOREIGN KEY (finding_id) REFERENCES finding (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Progress notes, done reports and verifications: the order's history.
CREATE TABLE order_entry (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    order_id    CHAR(36)     NOT NULL,
    kind        VARCHAR(40)  NOT NULL,
    text        LONGTEXT     NULL,
    author      VARCHAR(100) NOT NULL,
    at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_entry_order (order_id, id),
    CONSTRAINT fk_entry_order FOREIGN KEY (order_id) REFERENCES rectification_order (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Evidence lives in the database: it commits or rolls back with the finding or report it proves.
CREATE TABLE evidence (
    id           CHAR(36)     NOT NULL,
    finding_id   CHAR(36)     NULL,
    order_id     CHAR(36)     NULL,
    filename     VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    content      LONGBLOB     NOT NULL,
    uploaded_by  VARCHAR(100) NOT NULL,
    uploaded_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_evidence_finding (finding_id),
    KEY ix_evidence_order (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Public column: work updates (工作动态) staff publish.
CREATE TABLE work_update (
    id           CHAR(36)     NOT NULL,
    campaign_id  CHAR(36)     NULL,
    title        VARCHAR(200) NOT NULL,
    body         LONGTEXT     NOT NULL,
    published_by VARCHAR(100) NOT NULL,
    published_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_update_published (published_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Read models built from other services' events (never their tables).
CREATE TABLE survey_figures (
    survey_id          VARCHAR(64)  NOT NULL,
    year               INT          NOT NULL,
    title              VARCHAR(300) NULL,
    letters_sent       INT          NULL,
    letters_returned   INT          NULL,
    responses          INT          NULL,
    satisfaction_rate  DECIMAL(7,4) NULL,
    closed_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (survey_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE complaint_figures (
    complaint_id   CHAR(36)     NOT NULL,
    received_at    DATETIME(6)  NOT NULL,
    reply_due_at   DATETIME(6)  NULL,
    replied_at     DATETIME(6)  NULL,
    replied_on_time BOOLEAN     NULL,
    rated          BOOLEAN      NOT NULL DEFAULT FALSE,
    satisfied      BOOLEAN      NULL,
    last_event_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (complaint_id),
    KEY ix_complaint_received (received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE audit_entry (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    at          DATETIME(6)  NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    actor_roles VARCHAR(200) NULL,
    action      VARCHAR(60)  NOT NULL,
    subject_id  CHAR(36)     NULL,
    outcome     VARCHAR(20)  NOT NULL,
    detail      VARCHAR(1000) NULL,
    request_id  VARCHAR(100) NULL,
    PRIMARY KEY (id),
    KEY ix_audit_subject (subject_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
