-- A value of an earlier, closed period (an import, a late event) does not move its alert: it is
-- recorded in the alert's history as a historical entry (to_state: what that period's value says),
-- never published on pilotage.alerts.v1 and never notified.
alter table alert_transition add column historical boolean not null default false;
drop index alert_transition_unpublished;
create index alert_transition_unpublished on alert_transition (id) where published_at is null and not historical;

-- The subscriptions alerting creates for the owners of projects and KPIs (e-mail, in the owner's
-- language). One row per (project, KPI or '', username), kept when the subscription is deleted
-- (removed_at set), so a removed default stays removed.
create table owner_subscription (
    subscription_id  text primary key,
    project          text not null,
    kpi              text not null,          -- '' : every KPI of the project
    username         text not null,
    created_at       timestamptz not null default now(),
    removed_at       timestamptz,
    unique (project, kpi, username)
);
