-- Front ends speaking Open311 GeoReport v2 identify themselves with an api_key issued by admin.
-- Only a hash of the key is kept; a front end sees only the requests it submitted.
CREATE TABLE open311_client (
    id           CHAR(36)     NOT NULL,
    name         VARCHAR(100) NOT NULL,
    api_key_hash CHAR(64)     NOT NULL,
    created_by   VARCHAR(100) NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    active       BOOLEAN      NOT NULL DEFAULT TRUE,
    PRIMARY KEY (id),
    UNIQUE KEY uk_open311_key (api_key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE complaint ADD COLUMN open311_client CHAR(36) NULL;
ALTER TABLE complaint ADD COLUMN address_string VARCHAR(300) NULL;
ALTER TABLE complaint ADD COLUMN latitude DECIMAL(9, 6) NULL;
ALTER TABLE complaint ADD COLUMN longitude DECIMAL(9, 6) NULL;
CREATE INDEX ix_complaint_open311 ON complaint (open311_client, submitted_at);
