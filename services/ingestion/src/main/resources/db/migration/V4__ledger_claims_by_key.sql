-- The ledger keyed by one 16-byte key per (source, id) instead of the two texts: the first 16 bytes of
-- SHA-256(source, NUL, id) in UTF-8 (ledger_key below; the service computes the same in Java,
-- LedgerKey). Measured with the service's statements on PostgreSQL 15: a claimed row costs about
-- 4.3 µs of PostgreSQL instead of 7.8, and a statement about 60 µs less. Claims are
-- `INSERT ... ON CONFLICT DO NOTHING`, counted; only a statement that met a conflict sends a second
-- one to find the pairs it holds and to take over expired claims. A key is 128 bits: two pairs
-- share one only by a collision of SHA-256's first half (about 2^64 work to find on purpose), and
-- the effect would be one event answered as a duplicate. Sources and ids cannot hold a NUL
-- (refused on intake), so the separator is unambiguous.
CREATE FUNCTION ledger_key(source text, event_id text) RETURNS uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT encode(substring(sha256(convert_to(source, 'UTF8') || '\x00'::bytea || convert_to(event_id, 'UTF8'))
                               FROM 1 FOR 16), 'hex')::uuid $$;

CREATE TABLE event_claim (
    key        uuid        PRIMARY KEY,
    ticket     bigint      NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_claim_claimed_at ON event_claim USING brin (claimed_at);

-- What the old ledger holds carries over, so the deduplication window spans the upgrade. Rows
-- published before tickets (V3) get ticket 0, confirmed here; unconfirmed claims without a ticket
-- get -1, never confirmed, so they expire with their lease as before. Statement tickets start at
-- 65 536 (ledger_statement_seq from 1), so neither number is ever a statement's.
INSERT INTO ledger_confirmation (ticket) VALUES (0) ON CONFLICT DO NOTHING;
INSERT INTO event_claim (key, ticket, claimed_at)
SELECT ledger_key(source, event_id), CASE WHEN published THEN 0 ELSE coalesce(ticket, -1) END, claimed_at
FROM event_ledger
ON CONFLICT DO NOTHING;
DROP TABLE event_ledger;
