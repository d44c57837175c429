-- Drift scan (SPEC §7): the persisted work list and the findings of every run, with their lifecycle.

-- Runs of the drift scan; a run counts as "previous" for the lifecycle only once it completed.
CREATE TABLE drift_run (
    run_id          BIGINT        NOT NULL PRIMARY KEY,   -- job instance id
    run_date        DATE          NOT NULL,
    completed_at    TIMESTAMP
);

-- The instances a run scans (the partitions).
CREATE TABLE drift_target (
    run_id          BIGINT        NOT NULL,
    server          VARCHAR(64)   NOT NULL,
    instance_name   VARCHAR(128)  NOT NULL,
    instance_id     VARCHAR(64),
    PRIMARY KEY (run_id, server, instance_name)
);

-- One row per expected file of an instance, in a stable order.
CREATE TABLE drift_work (
    run_id          BIGINT        NOT NULL,
    server          VARCHAR(64)   NOT NULL,
    instance_name   VARCHAR(128)  NOT NULL,
    file            VARCHAR(1024) NOT NULL,
    PRIMARY KEY (run_id, server, instance_name, file)
);

-- Findings per run. finding_id is stable across runs (server, instance, file, key, kind).
CREATE TABLE drift_finding (
    run_id          BIGINT        NOT NULL,
    run_date        DATE          NOT NULL,
    finding_id      VARCHAR(40)   NOT NULL,
    server          VARCHAR(64)   NOT NULL,
    instance_name   VARCHAR(128)  NOT NULL,
    file            VARCHAR(1024) NOT NULL,
    key_path        VARCHAR(2048),
    kind            VARCHAR(32)   NOT NULL,
    expected        VARCHAR(4096),
    actual          VARCHAR(4096),
    line_no         INT,
    col_no          INT,
    message         VARCHAR(4096),
    state           VARCHAR(16)   NOT NULL,   -- NEW, OPEN, RESOLVED
    first_seen      DATE          NOT NULL,
    PRIMARY KEY (run_id, finding_id)
);
CREATE INDEX drift_finding_instance ON drift_finding (server, instance_name, run_id);
