-- (source, id) of every event accepted within the deduplication window (DESIGN §2.3).
-- published=false is a claim in flight: it expires after the lease (pilotage.ingestion.claim-lease)
-- so a crash between claim and broker ack never turns a retry into a false duplicate.
-- Bounded: rows older than the window (pilotage.ingestion.dedupe-window) are purged periodically.
CREATE TABLE event_ledger (
    source     text        NOT NULL,
    event_id   text        NOT NULL,
    published  boolean     NOT NULL DEFAULT false,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, event_id)
);
-- rows arrive in time order: a BRIN index keeps the purge cheap at almost no write cost
CREATE INDEX event_ledger_claimed_at ON event_ledger USING brin (claimed_at);

-- Rejected events, listable, fixable and replayable through /quarantine (personal data already out).
CREATE TABLE quarantine (
    id            bigserial   PRIMARY KEY,
    source        text        NOT NULL,
    project       text,
    event_id      text,
    received_at   timestamptz NOT NULL,
    reasons       text        NOT NULL,          -- JSON array of {field, rule, message}
    payload       text,                           -- the item as received (canonical form for adapters), ≤ 4 KiB
    status        text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed', 'discarded')),
    fixed_payload text,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantine_source_received ON quarantine (source, received_at DESC);
CREATE INDEX quarantine_status ON quarantine (status, id);

-- Last known state per Odoo record, to derive transitions from notifications that carry current values only.
CREATE TABLE odoo_record_state (
    source     text        NOT NULL,
    model      text        NOT NULL,
    record_id  bigint      NOT NULL,
    state      text,
    write_date text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, model, record_id)
);
