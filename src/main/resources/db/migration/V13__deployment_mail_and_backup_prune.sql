-- The mail of a deployment or rollback (SPEC §10, docs/deploy.md "The deployment mail"): one row per
-- deployment that mailed its result, under the same at-most-once rule as mail_sent (V6): the row is
-- committed with sent_at NULL (a claim) before the message is handed to SMTP, and sent_at is set once
-- SMTP accepted it; an outbox delivery is recorded as sent right after the file is in place.
CREATE TABLE mail_deployment (
    deployment_id   VARCHAR(32)   NOT NULL PRIMARY KEY,   -- D-20261203-1 (a deployment or a rollback)
    message_id      VARCHAR(256)  NOT NULL,
    sent_at         TIMESTAMP,                            -- NULL while sending (or when a crash cut the send short)
    transport       VARCHAR(16)   NOT NULL,               -- smtp | outbox
    incomplete      BOOLEAN       DEFAULT FALSE NOT NULL  -- always false: kept so that one ledger serves every mail
);

-- Backup pruning (deploy.keep-backups-days, docs/deploy.md "Backups and pruning"): when the nightly
-- pruned the backup of this deployment for this instance. Set (committed) BEFORE the folder is
-- deleted, so a kill -9 in the middle leaves a marked row whose leftovers the next prune deletes,
-- and rollback refuses a marked instance whatever is still on disk.
ALTER TABLE deployment_instance ADD COLUMN backup_pruned TIMESTAMP WITH TIME ZONE;
