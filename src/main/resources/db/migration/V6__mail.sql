-- Mail of the nightly run (SPEC §9): one row per run that mailed its report, so a restarted job
-- never sends the same mail twice.
-- The row is committed BEFORE the message is handed to SMTP, with sent_at NULL ("claimed"), and
-- sent_at is set once SMTP accepted it. A claim left with sent_at NULL means the process died while
-- sending: the mail may or may not have gone out, and it is not sent again (at most once).
CREATE TABLE mail_sent (
    run_id          BIGINT        NOT NULL PRIMARY KEY,   -- job instance id of the run
    message_id      VARCHAR(256)  NOT NULL,
    sent_at         TIMESTAMP,                            -- NULL while sending (or when a crash cut the send short)
    transport       VARCHAR(16)   NOT NULL                -- smtp | outbox
);
