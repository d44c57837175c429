-- Conditional-request cache of the update sources (SPEC §8): validators and the last body per URL,
-- so a second night's check sends If-None-Match / If-Modified-Since and a 304 is served from here.
CREATE TABLE http_cache (
    url             VARCHAR(2048) NOT NULL PRIMARY KEY,
    etag            VARCHAR(1024),
    last_modified   VARCHAR(128),
    body            BYTEA         NOT NULL,
    fetched_at      TIMESTAMP     NOT NULL
);
