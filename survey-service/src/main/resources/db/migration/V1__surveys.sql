-- Surveys. Questions are one JSON document (TEXT, valid on MySQL 8.4 and MariaDB 10.11), frozen
-- once the survey opens: answers and tallies refer to question and option keys inside it.
CREATE TABLE survey (
    id            CHAR(36)     NOT NULL,
    title         VARCHAR(200) NOT NULL,
    description   TEXT         NULL,
    campaign_year INT          NOT NULL,
    audience      VARCHAR(20)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    questions     MEDIUMTEXT   NOT NULL,
    opens_at      DATETIME(6)  NULL,
    closes_at     DATETIME(6)  NULL,
    opened_at     DATETIME(6)  NULL,
    closed_at     DATETIME(6)  NULL,
    published_at  DATETIME(6)  NULL,
    created_by    VARCHAR(100) NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_survey_status (status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Solicitation letters (征求意见函). The token is stored only as its SHA-256; personal data is
-- AES-GCM encrypted. Answering records only that, and on which day, the letter came back:
-- nothing here points at the answer.
CREATE TABLE invitation (
    id               CHAR(36)      NOT NULL,
    survey_id        CHAR(36)      NOT NULL,
    letter_no        VARCHAR(20)   NOT NULL,
    token_hash       CHAR(64)      NOT NULL,
    respondent_group VARCHAR(40)   NOT NULL,
    organisation     VARCHAR(200)  NULL,
    name_enc         VARCHAR(600)  NULL,
    email_enc        VARCHAR(600)  NULL,
    address_enc      VARCHAR(1200) NULL,
    sent             BOOLEAN       NOT NULL DEFAULT FALSE,
    sent_on          DATE          NULL,
    answered         BOOLEAN       NOT NULL DEFAULT FALSE,
    answered_on      DATE          NULL,
    reminders        INT           NOT NULL DEFAULT 0,
    last_reminded_on DATE          NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_invitation_token (token_hash),
    UNIQUE KEY ux_invitation_letter (survey_id, letter_no),
    CONSTRAINT fk_invitation_survey FOREIGN KEY (survey_id) REFERENCES survey (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per answer. The id is a random UUIDv4 (the clustered index orders rows randomly, not by
-- arrival), the date is the day only, and nothing refers to an invitation, a token or a ballot.
-- Group and channel live only in the aggregated tallies, so they do not narrow a link either.
CREATE TABLE response (
    id               CHAR(36)    NOT NULL,
    survey_id        CHAR(36)    NOT NULL,
    pool             VARCHAR(10) NOT NULL,
    answered_on      DATE        NOT NULL,
    answers          MEDIUMTEXT  NOT NULL,
    has_text         BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id),
    KEY ix_response_survey_text (survey_id, has_text, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Incremental tallies. One counter per (question, row, option, pool, group, channel) split over
-- slots: an answer adds 1 to a random slot, so concurrent answers rarely wait on one row; reading
-- is a SUM over slots, whose cost depends on the questionnaire, not on the number of answers.
CREATE TABLE tally (
    survey_id        CHAR(36)    NOT NULL,
    question_key     VARCHAR(40) NOT NULL,
    row_key          VARCHAR(60) NOT NULL,
    option_key       VARCHAR(60) NOT NULL,
    pool             VARCHAR(10) NOT NULL,
    respondent_group VARCHAR(40) NOT NULL,
    channel          VARCHAR(10) NOT NULL,
    slot             SMALLINT    NOT NULL,
    n                BIGINT      NOT NULL,
    PRIMARY KEY (survey_id, question_key, row_key, option_key, pool, respondent_group, channel, slot)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Public ballots: the hash of the ballot id a browser keeps, so one ballot answers once.
CREATE TABLE public_ballot (
    survey_id   CHAR(36) NOT NULL,
    ballot_hash CHAR(64) NOT NULL,
    PRIMARY KEY (survey_id, ballot_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE audit_entry (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    at          DATETIME(6)   NOT NULL,
    actor       VARCHAR(100)  NOT NULL,
    actor_roles VARCHAR(200)  NULL,
    action      VARCHAR(60)   NOT NULL,
    subject_id  CHAR(36)      NULL,
    outcome     VARCHAR(20)   NOT NULL,
    detail      VARCHAR(1000) NULL,
    request_id  VARCHAR(100)  NULL,
    PRIMARY KEY (id),
    KEY ix_audit_subject (subject_id, id),
    KEY ix_audit_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
