-- The audit log (SPEC section 6). Written for PostgreSQL; the embedded H2 store runs in its
-- PostgreSQL compatibility mode, so one set of migrations serves both.

-- Every ruleset version that answered a decision, stored once with its files, so that any past
-- decision can be replayed on the rules that made it.
CREATE TABLE ruleset_version (
    version        VARCHAR(71)              NOT NULL PRIMARY KEY,
    loaded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    first_used_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE ruleset_file (
    version  VARCHAR(71)  NOT NULL REFERENCES ruleset_version (version),
    path     VARCHAR(500) NOT NULL,
    sha256   CHAR(64)     NOT NULL,
    content  VARCHAR      NOT NULL,
    PRIMARY KEY (version, path)
);

-- One row per evaluation; append-only (the service never updates or deletes). Kept narrow: listings
-- filter and sort here and read the documents of one page only.
CREATE TABLE evaluation (
    id                 UUID                     NOT NULL PRIMARY KEY,
    evaluated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    principal          VARCHAR(200)             NOT NULL,
    ruleset_version    VARCHAR(71)              NOT NULL REFERENCES ruleset_version (version),
    patient_pseudonym  CHAR(64),
    duration_micros    BIGINT                   NOT NULL
);

-- Newest first, with the id to break ties: the order every listing uses.
CREATE INDEX evaluation_newest_first ON evaluation (evaluated_at DESC, id DESC);
CREATE INDEX evaluation_by_patient ON evaluation (patient_pseudonym, evaluated_at DESC, id DESC);
CREATE INDEX evaluation_by_ruleset ON evaluation (ruleset_version, evaluated_at DESC, id DESC);

-- The request (patient id pseudonymised) and the response exactly as sent, as gzip-compressed UTF-8
-- JSON: a trace repeats its facts, and compresses about six times (a 27 KB answer keeps 4 KB).
-- GET /api/v1/evaluations/{id} returns them as JSON.
CREATE TABLE evaluation_document (
    evaluation_id  UUID  NOT NULL PRIMARY KEY REFERENCES evaluation (id),
    request_gzip   BYTEA NOT NULL,
    response_gzip  BYTEA NOT NULL
);

-- What each evaluation concluded, one row per rule fired, cause found and advice given, with the time
-- copied in so that "which evaluations fired rule X, newest first" is one index range scan.
CREATE TABLE evaluation_tag (
    kind           VARCHAR(8)               NOT NULL,
    tag            VARCHAR(300)             NOT NULL,
    evaluated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    evaluation_id  UUID                     NOT NULL REFERENCES evaluation (id)
);
CREATE UNIQUE INDEX evaluation_tag_newest_first ON evaluation_tag (kind, tag, evaluated_at DESC, evaluation_id DESC);
