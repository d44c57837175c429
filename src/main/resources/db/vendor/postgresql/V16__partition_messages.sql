-- The queue of partition requests between the manager and the workers (SPEC §11 "Past one host"):
-- Spring Integration's JDBC channel message store, as in spring-integration-jdbc 7.0.5's
-- schema-postgresql.sql, only the parts a queue needs (the sequence, INT_CHANNEL_MESSAGE and its
-- delete index). Region HOMEAMP_PARTITIONS, one message group per server (partition-requests.<server>).
-- PostgreSQL only: this folder is on Flyway's path only for that database (db/vendor/{vendor}).
CREATE SEQUENCE INT_MESSAGE_SEQ START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE INT_CHANNEL_MESSAGE (
    MESSAGE_ID       CHAR(36)     NOT NULL,
    GROUP_KEY        CHAR(36)     NOT NULL,
    CREATED_DATE     BIGINT       NOT NULL,
    MESSAGE_PRIORITY BIGINT,
    MESSAGE_SEQUENCE BIGINT       NOT NULL DEFAULT nextval('INT_MESSAGE_SEQ'),
    MESSAGE_CONTENT  BYTEA,
    REGION           VARCHAR(100) NOT NULL,
    CONSTRAINT INT_CHANNEL_MESSAGE_PK PRIMARY KEY (REGION, GROUP_KEY, CREATED_DATE, MESSAGE_SEQUENCE)
);

CREATE INDEX INT_CHANNEL_MSG_DELETE_IDX ON INT_CHANNEL_MESSAGE (REGION, GROUP_KEY, MESSAGE_ID);
