-- Tables of the collector framework (postgresql). Applied by collector.jdbc.initialize-schema;
-- every statement is idempotent, so "always" is safe on every start.

CREATE TABLE IF NOT EXISTS collector_checkpoint (
    collector      VARCHAR(100)  NOT NULL PRIMARY KEY,
    position_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id         VARCHAR(36)   NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS collector_run (
    run_id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    collector          VARCHAR(100)  NOT NULL,
    instance_id        VARCHAR(100)  NOT NULL,
    trigger_type       VARCHAR(20)   NOT NULL,
    status             VARCHAR(20)   NOT NULL,
    window_from        TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to          TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE,
    records_collected  BIGINT        NOT NULL DEFAULT 0,
    records_inserted   BIGINT        NOT NULL DEFAULT 0,
    records_duplicate  BIGINT        NOT NULL DEFAULT 0,
    records_invalid    BIGINT        NOT NULL DEFAULT 0,
    error              VARCHAR(2000)
);

CREATE INDEX IF NOT EXISTS collector_run_started ON collector_run (collector, started_at);

CREATE TABLE IF NOT EXISTS collector_quarantine (
    id           BIGSERIAL PRIMARY KEY,
    collector    VARCHAR(100)  NOT NULL,
    run_id       VARCHAR(36)   NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    payload      TEXT NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX IF NOT EXISTS collector_quarantine_created ON collector_quarantine (collector, created_at);
