-- Staff accounts for local login. Citizens have no account. Runs on MySQL 8.4 and MariaDB 10.11.
CREATE TABLE account (
    id            CHAR(36)     NOT NULL,
    username      VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    email         VARCHAR(254) NULL,
    password_hash VARCHAR(100) NOT NULL,
    department    VARCHAR(64)  NULL,
    locale        VARCHAR(16)  NOT NULL DEFAULT 'zh-CN',
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    version       BIGINT       NOT NULL DEFAULT 0,
    created_at    DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_account_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per role (JWT "groups"): a role can be queried and constrained, unlike a comma list.
CREATE TABLE account_role (
    account_id CHAR(36)    NOT NULL,
    role       VARCHAR(32) NOT NULL,
    PRIMARY KEY (account_id, role),
    KEY ix_account_role_role (role),
    CONSTRAINT fk_account_role_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
