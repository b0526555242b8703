CREATE TABLE note (
    id      CHAR(36)     NOT NULL,
    text    VARCHAR(200) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- What the test consumer applied: one row per applied event, in application order.
CREATE TABLE note_effect (
    seq      BIGINT       NOT NULL AUTO_INCREMENT,
    note_id  CHAR(36)     NOT NULL,
    n        INT          NOT NULL,
    PRIMARY KEY (seq)
) ENGINE = InnoDB;
