-- Deployments and rollbacks (SPEC §10): who ran what, which rows were applied, refused or rolled
-- back, and per instance the files touched with their sha256 before and after. The per-instance
-- state and the per-file sha256 pair are what a restarted deploy resumes from: a file already at its
-- "after" hash is not written again, one still at "before" is written, anything else stops that instance.

CREATE TABLE deployment (
    deployment_id    VARCHAR(32)    NOT NULL PRIMARY KEY,   -- D-20261203-1
    kind             VARCHAR(16)    NOT NULL,               -- deploy | rollback
    plan_id          VARCHAR(64),
    workbook_sha256  CHAR(64),
    workbook_path    VARCHAR(4096),
    instances_filter VARCHAR(4096)  NOT NULL,               -- '' = every instance; else sorted, comma-separated
    undoes           VARCHAR(32),                           -- rollback: the deployment it restores
    forced           BOOLEAN        NOT NULL DEFAULT FALSE, -- rollback --force: files changed since the deployment are restored too
    run_by           VARCHAR(256)   NOT NULL,
    started          TIMESTAMP WITH TIME ZONE NOT NULL,
    finished         TIMESTAMP WITH TIME ZONE,
    result           VARCHAR(32)    NOT NULL                -- RUNNING, COMPLETED, COMPLETED_WITH_PROBLEMS, FAILED
);
CREATE INDEX deployment_plan ON deployment (plan_id, workbook_sha256);

-- One row per workbook row answered YES (approved or refused when read) and in scope of the filter.
CREATE TABLE deployment_row (
    deployment_id    VARCHAR(32)    NOT NULL REFERENCES deployment (deployment_id) ON DELETE CASCADE,
    position         INT            NOT NULL,
    change_id        VARCHAR(64)    NOT NULL,
    row_number       INT            NOT NULL,
    server           VARCHAR(64),
    instance_name    VARCHAR(128),
    type             VARCHAR(16),
    plugin           VARCHAR(256),
    file             VARCHAR(1024),
    setting          VARCHAR(1024),
    current_value    VARCHAR(32767),
    proposed_value   VARCHAR(32767),
    secret           BOOLEAN        NOT NULL,
    checksum_state   VARCHAR(64),                           -- plugin-update: e.g. 'sha512 verified' or UNVERIFIED
    approved_by      VARCHAR(256),
    note             VARCHAR(4000),
    result           VARCHAR(16)    NOT NULL,               -- PENDING, APPLIED, REFUSED, FAILED, ROLLED_BACK
    reason           VARCHAR(4000),
    sha256_before    CHAR(64),
    sha256_after     CHAR(64),
    PRIMARY KEY (deployment_id, position)
);

-- One row per instance with approved rows: where its deploy stands.
CREATE TABLE deployment_instance (
    deployment_id    VARCHAR(32)    NOT NULL REFERENCES deployment (deployment_id) ON DELETE CASCADE,
    server           VARCHAR(64)    NOT NULL,
    instance_name    VARCHAR(128)   NOT NULL,
    instance_id      VARCHAR(64),
    state            VARCHAR(24)    NOT NULL,
    restarts         INT            NOT NULL,
    reason           VARCHAR(4000),
    updated          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (deployment_id, server, instance_name)
);

-- The manifest: every file a deployment touches on an instance, with its hashes.
CREATE TABLE deployment_file (
    deployment_id    VARCHAR(32)    NOT NULL REFERENCES deployment (deployment_id) ON DELETE CASCADE,
    server           VARCHAR(64)    NOT NULL,
    instance_name    VARCHAR(128)   NOT NULL,
    path             VARCHAR(1024)  NOT NULL,               -- instance-relative, / separators
    action           VARCHAR(16)    NOT NULL,               -- EDIT, CREATE, ADD_JAR, REMOVE_JAR; rollbacks: RESTORE, DELETE
    sha256_before    CHAR(64),                              -- null: the file did not exist
    sha256_after     CHAR(64),                              -- null: the file is removed
    size_before      BIGINT,
    mode_before      VARCHAR(16),                           -- rwxr-x--- on local servers, else null
    owner_before     VARCHAR(128),
    mode_after       VARCHAR(16),                           -- rollback: the mode a restored file gets back
    owner_after      VARCHAR(128),
    written          BOOLEAN        NOT NULL,
    PRIMARY KEY (deployment_id, server, instance_name, path)
);
