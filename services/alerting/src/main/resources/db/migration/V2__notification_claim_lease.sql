-- When a notification was claimed ('sending'): a delivery still 'sending' past the lease belongs to a
-- process that died, and becomes 'interrupted' (never sent again). Any replica may settle it, and a
-- replica starting no longer touches the deliveries another one has in flight.
alter table notification add column claimed_at timestamptz;
