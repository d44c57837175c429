-- Incomplete runs (SPEC §11 "Faults"): a run whose report was mailed while a server's work was
-- missing (an open run_gap) sends exactly one follow-up mail once a restart completed it.
-- mail_sent.incomplete records that the first mail went out incomplete; mail_follow_up keeps the
-- follow-up under the same at-most-once rule as mail_sent: the row is committed with sent_at NULL
-- (a claim) before the message is handed to SMTP, and sent_at is set once SMTP accepted it.
ALTER TABLE mail_sent ADD COLUMN incomplete BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE mail_follow_up (
    run_id          BIGINT        NOT NULL PRIMARY KEY,   -- job instance id of the run
    message_id      VARCHAR(256)  NOT NULL,
    sent_at         TIMESTAMP,                            -- NULL while sending (or when a crash cut the send short)
    transport       VARCHAR(16)   NOT NULL,               -- smtp | outbox
    incomplete      BOOLEAN       DEFAULT FALSE NOT NULL  -- always false: a follow-up is sent only once nothing is missing
);
