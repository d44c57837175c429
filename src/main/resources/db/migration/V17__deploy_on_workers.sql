-- Deploy and rollback partitions served by `homeamp worker` (SPEC §11 "Past one host", D-W5).
--
-- Where an instance's deployment files live: the prepared "after" files and the backup of one
-- instance of a deployment are written to the state dir of the process that prepared it. NULL: the
-- manager's state dir (every deployment before workers, and every one the manager ran); else the
-- worker's state host, '<host name>:<absolute state dir>'. A restart or a rollback of the instance is
-- sent to the worker with that state host, and refused with a clear message anywhere else.
ALTER TABLE deployment_instance ADD COLUMN state_host VARCHAR(600);

-- The state host of each worker (as above), so that the manager can send an instance to the worker
-- that holds its backup.
ALTER TABLE worker_heartbeat ADD COLUMN state_host VARCHAR(600);

-- The staged jars a deployment's plugin-update rows install, shipped by the manager when the deploy
-- step starts (PostgreSQL only): a worker writes the bytes into its own staging folder (the same
-- <plugin>/<version>/<file> layout) and then verifies them exactly as the manager would (the source's
-- checksum, the plugin's name). Deleted when the deployment finishes.
CREATE TABLE deployment_jar (
    deployment_id   VARCHAR(32)    NOT NULL REFERENCES deployment (deployment_id) ON DELETE CASCADE,
    staged_path     VARCHAR(600)   NOT NULL,        -- <plugin>/<version>/<file>, under <state-dir>/staging
    sha256          VARCHAR(64)    NOT NULL,        -- of the bytes as the manager read them
    size_bytes      BIGINT         NOT NULL,
    content         BYTEA          NOT NULL,
    shipped         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (deployment_id, staged_path)
);
CREATE INDEX deployment_jar_path ON deployment_jar (staged_path, shipped);
