-- Every claim is confirmed (published=true) milliseconds after its insert. With half of each page left
-- free, that update is a HOT update: the new row version stays on the same page, no index entry is
-- added, and the old version is pruned in place instead of waiting for VACUUM. Measured under load:
-- 100 % of confirmations HOT instead of 33 %, about a fifth less PostgreSQL CPU per event. The price
-- is a table about twice as large for the same deduplication window.
ALTER TABLE event_ledger SET (fillfactor = 50);
