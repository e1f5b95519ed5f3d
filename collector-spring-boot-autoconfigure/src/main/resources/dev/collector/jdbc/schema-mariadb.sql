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
    records_repeated   BIGINT        NOT NULL DEFAULT 0,
    parts_failed       INT           NOT NULL DEFAULT 0,
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

-- Coverage ledger: per collector, symbol and period (collector.backfill.period) how much of it
-- was collected and committed ([covered_from, covered_until)), or that its collection failed
-- (error, attempts, retry_at: the next runs retry it). Gap analysis reads only this table.

CREATE TABLE IF NOT EXISTS collector_coverage (
    collector      VARCHAR(100)  NOT NULL,
    symbol         VARCHAR(100)  NOT NULL,
    period_start   DATE          NOT NULL,
    period_end     DATE          NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    covered_from   DATETIME(6),
    covered_until  DATETIME(6),
    error          VARCHAR(2000),
    attempts       INT           NOT NULL DEFAULT 0,
    retry_at       DATETIME(6),
    run_id         VARCHAR(36)   NOT NULL,
    updated_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (collector, symbol, period_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Backfill tasks and their chunks (symbol x a batch of missing periods).

CREATE TABLE IF NOT EXISTS collector_backfill_task (
    task_id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    collector          VARCHAR(100)  NOT NULL,
    start_date         DATE          NOT NULL,
    end_date           DATE          NOT NULL,
    symbols            VARCHAR(2000) NOT NULL,
    force_all          BOOLEAN     NOT NULL,
    missing_periods    INT           NOT NULL,
    estimated_records  BIGINT        NOT NULL,
    chunks_total       INT           NOT NULL,
    cancelled          BOOLEAN     NOT NULL,
    final_status       VARCHAR(20),
    created_at         DATETIME(6) NOT NULL,
    finished_at        DATETIME(6),
    INDEX collector_backfill_task_created (collector, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS collector_backfill_chunk (
    task_id        VARCHAR(36)   NOT NULL,
    chunk_no       INT           NOT NULL,
    symbol         VARCHAR(100)  NOT NULL,
    periods        TEXT        NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    attempts       INT           NOT NULL,
    records        BIGINT        NOT NULL,
    error          VARCHAR(2000),
    executed_by    VARCHAR(100),
    execution_id   VARCHAR(36),
    updated_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (task_id, chunk_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- execution_id fences the end of a chunk's execution: only the execution that started it last sets
-- its state. Added to a table created by an earlier version.
ALTER TABLE collector_backfill_chunk ADD COLUMN IF NOT EXISTS execution_id VARCHAR(36);

-- Where a paged source (dev.collector.paging.Pages) stood at the last committed batch of a backfill
-- request that has not succeeded yet: its retry resumes from that page. Deleted when the request succeeds.

CREATE TABLE IF NOT EXISTS collector_page_resume (
    collector      VARCHAR(100)  NOT NULL,
    request_key    VARCHAR(64)   NOT NULL,
    state          VARCHAR(4000) NOT NULL,
    updated_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (collector, request_key)
);

-- db-scheduler's table: the recurring collection and the backfill chunks, shared by every replica.

CREATE TABLE IF NOT EXISTS scheduled_tasks (
    task_name             VARCHAR(100)  NOT NULL,
    task_instance         VARCHAR(100)  NOT NULL,
    task_data             BLOB,
    execution_time        DATETIME(6) NOT NULL,
    picked                BOOLEAN NOT NULL,
    picked_by             VARCHAR(50),
    last_success          DATETIME(6),
    last_failure          DATETIME(6),
    consecutive_failures  INT,
    last_heartbeat        DATETIME(6),
    version               BIGINT NOT NULL,
    priority              SMALLINT,
    PRIMARY KEY (task_name, task_instance),
    INDEX scheduled_tasks_execution_time_idx (execution_time),
    INDEX scheduled_tasks_last_heartbeat_idx (last_heartbeat),
    INDEX scheduled_tasks_priority_execution_time_idx (priority DESC, execution_time ASC)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The rate budget shared by the replicas (collector.rate-limit.scope=cluster) and their leases on it;
-- times in epoch milliseconds.

CREATE TABLE IF NOT EXISTS collector_rate_budget (
    collector          VARCHAR(100)  NOT NULL PRIMARY KEY,
    configured_rpm     INT           NOT NULL,
    reduced_rpm        DOUBLE NOT NULL,
    reduced_at_ms      BIGINT,
    paused_until_ms    BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS collector_rate_lease (
    collector          VARCHAR(100)  NOT NULL,
    instance_id        VARCHAR(100)  NOT NULL,
    spending           BOOLEAN       NOT NULL,
    spending_since_ms  BIGINT,
    expires_at_ms      BIGINT        NOT NULL,
    PRIMARY KEY (collector, instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
