-- Two rows a handler and a test lock in opposite orders, to cause a real deadlock.
CREATE TABLE note_lock (
    id  CHAR(1) NOT NULL,
    v   INT     NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO note_lock (id, v) VALUES ('a', 0), ('b', 0);

-- Rows the test's side of the deadlock writes first, so InnoDB picks the handler as the victim.
CREATE TABLE note_ballast (
    id  INT NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
