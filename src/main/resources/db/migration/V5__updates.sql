-- Update check and staged downloads (SPEC §8): the persisted work list of a check, the results per
-- (instance, plugin) that reports, updates.json and the download job read, and the download work list.

-- Runs of the update check; a run's results are final once completed_at is set.
CREATE TABLE update_run (
    run_id          BIGINT        NOT NULL PRIMARY KEY,   -- job instance id
    run_date        DATE          NOT NULL,
    completed_at    TIMESTAMP
);

-- One row per distinct installed jar (plugin name + sha256): checked once, fanned out to every
-- instance that has it. part is the partition; seq the stable order a restarted reader counts in.
CREATE TABLE update_work (
    run_id          BIGINT        NOT NULL,
    seq             INT           NOT NULL,
    part            INT           NOT NULL,
    plugin_name     VARCHAR(256)  NOT NULL,
    version         VARCHAR(256),
    file_name       VARCHAR(512)  NOT NULL,
    sha1            CHAR(40),
    sha256          CHAR(64)      NOT NULL,
    sha512          CHAR(128),
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX update_work_part ON update_work (run_id, part, seq);

-- The answer for a work item, committed on its own as soon as the source answered, so a restart
-- asks no source twice for a jar already checked in this run (D-U5).
CREATE TABLE update_checked (
    run_id          BIGINT        NOT NULL,
    seq             INT           NOT NULL,
    result_json     VARCHAR(16000) NOT NULL,
    PRIMARY KEY (run_id, seq)
);

-- The result per (instance, plugin). Column set is a contract with the report.
CREATE TABLE update_result (
    run_id              BIGINT        NOT NULL,
    run_date            DATE          NOT NULL,
    server              VARCHAR(64)   NOT NULL,
    instance_name       VARCHAR(128)  NOT NULL,
    plugin              VARCHAR(256)  NOT NULL,
    file_name           VARCHAR(512),
    installed           VARCHAR(256),
    latest              VARCHAR(256),
    state               VARCHAR(32)   NOT NULL,   -- UP_TO_DATE, UPDATE_AVAILABLE, AHEAD, HELD, UNKNOWN_SOURCE, CHECK_FAILED
    channel             VARCHAR(16),
    source              VARCHAR(16),
    published           DATE,
    changelog_url       VARCHAR(1024),
    file_url            VARCHAR(2048),
    file_size           BIGINT,
    checksum            VARCHAR(160),
    checksum_algorithm  VARCHAR(16),
    reason              VARCHAR(2048),
    staged              VARCHAR(16)   NOT NULL,   -- NOT_STAGED, STAGED, UNVERIFIED, FAILED
    staged_path         VARCHAR(1024),
    PRIMARY KEY (run_id, server, instance_name, plugin)
);
CREATE INDEX update_result_state ON update_result (run_id, state);

-- The distinct files a download run stages (one per plugin and version), in a stable order.
CREATE TABLE download_work (
    run_id              BIGINT        NOT NULL,   -- the download job instance
    seq                 INT           NOT NULL,
    check_run_id        BIGINT        NOT NULL,   -- the update check whose results are staged
    plugin              VARCHAR(256)  NOT NULL,
    version             VARCHAR(256)  NOT NULL,
    file_name           VARCHAR(512),
    file_url            VARCHAR(2048) NOT NULL,
    file_size           BIGINT,
    checksum            VARCHAR(160),
    checksum_algorithm  VARCHAR(16),
    PRIMARY KEY (run_id, seq)
);
