-- Workers of remote partitioning (SPEC §11 "Past one host"): one row per running `homeamp worker`,
-- written by the worker itself every heartbeat interval. The manager hands a server's partitions to
-- workers only while one of that server's rows is fresh (compared with the database's own clock, so
-- host clocks may differ); otherwise the manager does that server's work itself through the AMP API.
-- A worker deletes its row when it stops; a row a killed worker left behind simply goes stale.
-- The table exists on H2 too (the migrations are shared) but only PostgreSQL setups use it.
CREATE TABLE worker_heartbeat (
    worker_id     VARCHAR(100)   NOT NULL PRIMARY KEY,  -- <host>:<pid>:<random>, new per worker start
    server        VARCHAR(200)   NOT NULL,              -- the server whose partitions it serves
    host          VARCHAR(255)   NOT NULL,
    pid           BIGINT         NOT NULL,
    version       VARCHAR(60)    NOT NULL,              -- the tool version the worker runs
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_beat     TIMESTAMP WITH TIME ZONE NOT NULL,
    step_execution_id BIGINT,                           -- the partition it runs now, null when idle
    fingerprint_key_id VARCHAR(64)                      -- a hash of its fingerprint.key (not the key): the manager
                                                        -- uses only workers whose key is its own (same fingerprints)
);
CREATE INDEX worker_heartbeat_server ON worker_heartbeat (server, last_beat);
