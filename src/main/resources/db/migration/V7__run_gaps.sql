-- Work a run could not do (SPEC §11 "Faults"): one row per (run date, server, step) whose work was
-- skipped because the server could not be reached, so that the report and the mail can say the run
-- is incomplete and name what is missing and why. A restart that completes that server's work for
-- the step sets resolved_at; rows are kept so that the mail step knows a follow-up mail is due.
CREATE TABLE run_gap (
    run_date     DATE           NOT NULL,
    server       VARCHAR(200)   NOT NULL,
    step         VARCHAR(60)    NOT NULL,   -- discovery | drift-scan | update-check | download
    reason       VARCHAR(4000)  NOT NULL,   -- the cause in the operator's words, never a secret
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at  TIMESTAMP WITH TIME ZONE,  -- null while the gap is open
    PRIMARY KEY (run_date, server, step)
);
