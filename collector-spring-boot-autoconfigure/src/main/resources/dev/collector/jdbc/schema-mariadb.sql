-- Tables of the collector framework (MariaDB and MySQL). Applied by collector.jdbc.initialize-schema;
-- every statement is idempotent, so "always" is safe on every start.
-- The tables name their character set: a server whose default is latin1 would refuse
-- (or with IGNORE, alter) text outside it, such as an error message with a non-Latin title.

CREATE TABLE IF NOT EXISTS collector_checkpoint (
    collector      VARCHAR(100)  NOT NULL PRIMARY KEY,
    position_at    DATETIME(6) NOT NULL,
    run_id         VARCHAR(36)   NOT NULL,
    updated_at     DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS collector_run (
    run_id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    collector          VARCHAR(100)  NOT NULL,
    instance_id        VARCHAR(100)  NOT NULL,
    trigger_type       VARCHAR(20)   NOT NULL,
    status             VARCHAR(20)   NOT NULL,
    window_from        DATETIME(6) NOT NULL,
    window_to          DATETIME(6) NOT NULL,
    started_at         DATETIME(6) NOT NULL,
    finished_at        DATETIME(6),
    records_collected  BIGINT        NOT NULL DEFAULT 0,
    records_inserted   BIGINT        NOT NULL DEFAULT 0,
    records_duplicate  BIGINT        NOT NULL DEFAULT 0,
    records_invalid    BIGINT        NOT NULL DEFAULT 0,
    error              VARCHAR(2000),
    INDEX collector_run_started (collector, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS collector_quarantine (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    collector    VARCHAR(100)  NOT NULL,
    run_id       VARCHAR(36)   NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    payload      MEDIUMTEXT NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    INDEX collector_quarantine_created (collector, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
