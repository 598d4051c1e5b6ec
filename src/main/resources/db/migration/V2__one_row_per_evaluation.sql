-- Issue 10: a lean write path. One row per evaluation instead of one per evaluation, one for its
-- documents and one per rule fired, cause and advice (about 40): the tags move into an array with a
-- GIN index, whose pending list takes inserts in bulk. Existing records are carried over.
-- PostgreSQL only: the embedded store is no longer a SQL database.

ALTER TABLE evaluation
    ADD COLUMN tags          TEXT[],
    ADD COLUMN origin        TEXT,
    ADD COLUMN request_gzip  BYTEA,
    ADD COLUMN response_gzip BYTEA;

UPDATE evaluation e
SET request_gzip = d.request_gzip, response_gzip = d.response_gzip
FROM evaluation_document d
WHERE d.evaluation_id = e.id;

-- Tags as '<kind>:<name>': r: rule fired, c: cause found, a: advice given.
UPDATE evaluation e
SET tags = COALESCE((SELECT array_agg(substr(t.kind, 1, 1) || ':' || t.tag) FROM evaluation_tag t
                     WHERE t.evaluation_id = e.id), '{}');

ALTER TABLE evaluation
    ALTER COLUMN tags SET NOT NULL,
    ALTER COLUMN request_gzip SET NOT NULL,
    ALTER COLUMN response_gzip SET NOT NULL;
-- The documents are gzip already: keep them out of line without a second compression.
ALTER TABLE evaluation ALTER COLUMN response_gzip SET STORAGE EXTERNAL;
ALTER TABLE evaluation ALTER COLUMN request_gzip SET STORAGE EXTERNAL;

DROP TABLE evaluation_tag;
DROP TABLE evaluation_document;

CREATE INDEX evaluation_tags ON evaluation USING GIN (tags) WITH (fastupdate = on);

-- CDS Hooks cards answered for an evaluation: feedback names the card only.
CREATE TABLE evaluation_card (
    card           VARCHAR(100) NOT NULL PRIMARY KEY,
    evaluation_id  UUID         NOT NULL REFERENCES evaluation (id)
);

-- Card feedback (SPEC section 8), append-only like evaluations.
CREATE TABLE feedback (
    id                 UUID                     NOT NULL PRIMARY KEY,
    card               VARCHAR(100)             NOT NULL,
    service            VARCHAR(200)             NOT NULL,
    evaluation_id      UUID                     NOT NULL,
    outcome            VARCHAR(20)              NOT NULL,
    override_reason    TEXT,
    outcome_timestamp  TIMESTAMP WITH TIME ZONE,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    rules              TEXT[]                   NOT NULL
);
CREATE INDEX feedback_newest_first ON feedback (received_at DESC, id DESC);
CREATE INDEX feedback_by_outcome ON feedback (outcome, received_at DESC, id DESC);
CREATE INDEX feedback_rules ON feedback USING GIN (rules);

-- A row the service writes to test whether it can commit again after a failure (a full disk).
CREATE TABLE audit_probe (
    instance   VARCHAR(100)             NOT NULL PRIMARY KEY,
    probed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
