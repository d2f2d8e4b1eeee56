-- One row per history import (an admin's backfill): who, when, which source(s) and route, what
-- became of the items, and the span of the accepted events' occurredAt. Append-only by use.
CREATE TABLE backfill_audit (
    id                   bigserial   PRIMARY KEY,
    actor                text        NOT NULL,     -- the token's preferred_username
    at                   timestamptz NOT NULL DEFAULT now(),
    source               text,                     -- the source, or the sources the events named (comma-separated)
    route                text        NOT NULL,     -- e.g. /sources/ga4-mobile/backfill, /events, /events/csv
    accepted             integer     NOT NULL,
    duplicates           integer     NOT NULL,
    rejected             integer     NOT NULL,
    earliest_occurred_at timestamptz,              -- of the accepted events; null when none was accepted
    latest_occurred_at   timestamptz
);
CREATE INDEX backfill_audit_source ON backfill_audit (source, id DESC);
