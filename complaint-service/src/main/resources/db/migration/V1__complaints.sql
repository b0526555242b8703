-- The bureau's departments that complaints can be dispatched to (admin-editable).
CREATE TABLE department (
    code    VARCHAR(50)  NOT NULL,
    name_zh VARCHAR(100) NOT NULL,
    name_en VARCHAR(100) NOT NULL,
    active  BOOLEAN      NOT NULL DEFAULT TRUE,
    PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO department (code, name_zh, name_en) VALUES
    ('planning',    '规划管理科', 'Planning section'),
    ('land',        '土地利用科', 'Land use section'),
    ('enforcement', '执法监察大队', 'Enforcement and inspection brigade'),
    ('office',      '办公室',     'General office');

-- Categories are data: each maps to the department responsible for it (admin-editable).
-- Null day counts fall back to the configured defaults per kind.
CREATE TABLE category (
    code            VARCHAR(50)  NOT NULL,
    name_zh         VARCHAR(100) NOT NULL,
    name_en         VARCHAR(100) NOT NULL,
    department      VARCHAR(50)  NOT NULL,
    acceptance_days INT          NULL,
    reply_days      INT          NULL,
    follow_up_days  INT          NULL,
    active          BOOLEAN      NOT NULL DEFAULT TRUE,
    PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO category (code, name_zh, name_en, department) VALUES
    ('urban_planning',           '城乡规划', 'Urban and rural planning',       'planning'),
    ('land_management',          '土地管理', 'Land management',                'land'),
    ('expropriation_demolition', '征地拆迁', 'Expropriation and demolition',   'land'),
    ('farmland_protection',      '耕地保护', 'Farmland protection',            'land'),
    ('illegal_construction',     '违法建设', 'Illegal construction',           'planning'),
    ('staff_conduct',            '工作作风', 'Staff conduct',                  'office'),
    ('other',                    '其他',     'Other',                          'office');

CREATE TABLE complaint (
    id                     CHAR(36)     NOT NULL,
    tracking_number        VARCHAR(32)  NOT NULL,
    access_code_hash       CHAR(64)     NOT NULL,
    kind                   VARCHAR(20)  NOT NULL,
    channel                VARCHAR(30)  NOT NULL,
    category               VARCHAR(50)  NOT NULL,
    status                 VARCHAR(20)  NOT NULL,
    title                  VARCHAR(200) NULL,
    content                TEXT         NOT NULL,
    anonymous              BOOLEAN      NOT NULL,
    confidential           BOOLEAN      NOT NULL,
    -- Personal data, AES-GCM encrypted, each value prefixed with its key id.
    contact_name           VARCHAR(600) NULL,
    contact_phone          VARCHAR(600) NULL,
    contact_id_number      VARCHAR(600) NULL,
    contact_address        VARCHAR(1200) NULL,
    contact_email          VARCHAR(600) NULL,
    recorded_by            VARCHAR(100) NULL,
    department             VARCHAR(50)  NULL,
    responsible_department VARCHAR(50)  NULL,
    submitted_at           DATETIME(6)  NOT NULL,
    acceptance_due_at      DATETIME(6)  NOT NULL,
    accepted_at            DATETIME(6)  NULL,
    reply_started_at       DATETIME(6)  NULL,
    reply_due_at           DATETIME(6)  NULL,
    replied_at             DATETIME(6)  NULL,
    follow_up_due_at       DATETIME(6)  NULL,
    closed_at              DATETIME(6)  NULL,
    reject_reason          VARCHAR(1000) NULL,
    draft_reply            TEXT         NULL,
    draft_status           VARCHAR(20)  NULL,
    draft_by               VARCHAR(100) NULL,
    reply_content          TEXT         NULL,
    reply_published        BOOLEAN      NOT NULL DEFAULT FALSE,
    public_reply           TEXT         NULL,
    public_content         TEXT         NULL,
    extension_status       VARCHAR(20)  NULL,
    extension_days         INT          NULL,
    extension_reason       VARCHAR(1000) NULL,
    overdue                BOOLEAN      NOT NULL DEFAULT FALSE,
    accepted_on_time       BOOLEAN      NULL,
    replied_on_time        BOOLEAN      NULL,
    supervision_count      INT          NOT NULL DEFAULT 0,
    reopen_count           INT          NOT NULL DEFAULT 0,
    rating                 VARCHAR(30)  NULL,
    rating_comment         VARCHAR(1000) NULL,
    rated_at               DATETIME(6)  NULL,
    version                BIGINT       NOT NULL DEFAULT 0,
    updated_at             DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_complaint_tracking (tracking_number),
    KEY ix_complaint_status (status, submitted_at),
    KEY ix_complaint_department (department, status, submitted_at),
    KEY ix_complaint_submitted (submitted_at),
    KEY ix_complaint_category (category, submitted_at),
    KEY ix_complaint_published (reply_published, replied_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who did what, when, from which state to which: readable by staff, never rewritten.
CREATE TABLE complaint_history (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    complaint_id CHAR(36)     NOT NULL,
    at           DATETIME(6)  NOT NULL,
    actor        VARCHAR(100) NOT NULL,
    actor_role   VARCHAR(50)  NULL,
    action       VARCHAR(40)  NOT NULL,
    from_status  VARCHAR(20)  NULL,
    to_status    VARCHAR(20)  NULL,
    department   VARCHAR(50)  NULL,
    detail       VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    KEY ix_history_complaint (complaint_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Append-only audit trail: every read of personal data and every change, with its outcome.
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
    KEY ix_audit_subject (subject_id, id),
    KEY ix_audit_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The admin's local changes to the State Council calendar (e.g. an emergency closure).
CREATE TABLE calendar_override (
    day        DATE         NOT NULL,
    working    BOOLEAN      NOT NULL,
    reason     VARCHAR(500) NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
