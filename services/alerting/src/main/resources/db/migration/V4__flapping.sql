-- Flapping: an alert that fires again within the flap window after it resolved is flapping; its
-- changes are not notified until it stays in one state for the window (then what still fires is told).
alter table alert add column flapping boolean not null default false;
alter table alert add column fired_at timestamptz;          -- when it last entered FIRING
alter table alert_transition add column flapping boolean not null default false;
