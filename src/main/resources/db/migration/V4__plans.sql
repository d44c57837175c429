-- Approval plans (SPEC §9, §10): what a run proposed, so a returned workbook can be checked against it.

CREATE TABLE plan (
    plan_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    run_date         DATE          NOT NULL,
    created          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires          TIMESTAMP WITH TIME ZONE NOT NULL,
    workbook_sha256  CHAR(64),
    change_count     INT           NOT NULL
);

-- One row per proposed change, in workbook order (position). Secret values are fingerprints here too.
CREATE TABLE plan_change (
    plan_id          VARCHAR(64)   NOT NULL REFERENCES plan (plan_id) ON DELETE CASCADE,
    change_id        VARCHAR(64)   NOT NULL,
    position         INT           NOT NULL,
    server           VARCHAR(64)   NOT NULL,
    instance         VARCHAR(128)  NOT NULL,
    type             VARCHAR(16)   NOT NULL,   -- config, new-file, plugin-update
    plugin           VARCHAR(256),
    file             VARCHAR(1024) NOT NULL,
    setting          VARCHAR(1024),
    current_value    VARCHAR(32767),
    proposed_value   VARCHAR(32767),
    details          VARCHAR(32767),
    secret           BOOLEAN       NOT NULL,
    checksum_state   VARCHAR(64),
    signature        CHAR(64)      NOT NULL,
    PRIMARY KEY (plan_id, change_id)
);
CREATE INDEX plan_change_position ON plan_change (plan_id, position);
