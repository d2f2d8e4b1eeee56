-- Confirmation by ticket instead of by row. Every claim statement draws a number from
-- ledger_statement_seq; the request whose claims are at position k of statement n holds ticket
-- n * 65536 + k, written in each of its ledger rows. Once the broker acknowledged the request's
-- events, ONE row goes into ledger_confirmation for its ticket, where each of its ledger rows used to
-- be updated (published = true): a batch of 500 events is confirmed by one insert instead of 500
-- updates. A row is held (a later claim of the same pair is a duplicate) while it is published (rows
-- written before this migration), its ticket confirmed, or its claim younger than the lease.
ALTER TABLE event_ledger ADD COLUMN ticket bigint;
CREATE SEQUENCE ledger_statement_seq;
CREATE TABLE ledger_confirmation (
    ticket       bigint      PRIMARY KEY,
    confirmed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_confirmation_confirmed_at ON ledger_confirmation USING brin (confirmed_at);
-- rows are no longer updated once written (V2's free half of each page served those updates)
ALTER TABLE event_ledger SET (fillfactor = 100);
