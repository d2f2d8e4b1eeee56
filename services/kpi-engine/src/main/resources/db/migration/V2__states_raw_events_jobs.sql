-- The count-only aggregates of the walking skeleton are replaced by per-day measure states
-- rebuilt from raw events; the old dedupe table is replaced by raw_event's primary key.
drop table if exists daily_count;
drop table if exists processed_event;

-- Retained raw events: the dedupe set (primary key), the source of backfills and replays.
-- Range-partitioned by the event's local day, one partition per month, created on demand; partitions
-- older than pilotage.kpi.raw-retention-days are dropped (RawEventRetention). An event is placed by
-- its occurredAt, which is part of its identity (ids are derived from the payload), so a duplicate
-- always lands in the partition of the original.
create table raw_event (
    day         date        not null,
    source      text        not null,
    event_id    text        not null,
    project     text        not null,
    type        text        not null,
    occurred_at timestamptz not null,
    entity      text,
    subject     text,
    value       double precision,
    attributes  jsonb,
    stored_at   timestamptz not null default now(),
    primary key (day, source, event_id)
) partition by range (day);
create index raw_event_project_day on raw_event (project, day);

-- One mergeable measure state per KPI per local day (io.pilotage.kpi.measure).
create table kpi_day_state (
    kpi          text        not null,
    day          date        not null,
    measure_hash text        not null,
    state        bytea       not null,
    events       bigint      not null,
    updated_at   timestamptz not null default now(),
    primary key (kpi, day)
);

-- The measure each KPI's states were built with: a changed measure triggers a backfill.
create table kpi_measure (
    kpi          text        primary key,
    measure_hash text        not null,
    updated_at   timestamptz not null default now()
);

-- Records no consumer could ever apply, with why and where.
create table dead_letter (
    id          bigserial   primary key,
    topic       text        not null,
    partition   int         not null,
    "offset"    bigint      not null,
    record_key  text,
    reason      text        not null,
    payload     text,
    at          timestamptz not null default now()
);
create index dead_letter_at on dead_letter (at desc);

-- Recompute / replay jobs: resumable after a restart from their cursor.
create table job (
    id               uuid        primary key,
    kind             text        not null,          -- recompute | replay | backfill
    project          text        not null,
    kpis             text[]      not null,
    from_day         date        not null,
    to_day           date        not null,
    state            text        not null,          -- queued | running | done | cancelled | failed
    cursor_day       date,                          -- last day done
    total_events     bigint      not null default 0,
    done_events      bigint      not null default 0,
    cancel_requested boolean     not null default false,
    leased_until     timestamptz,                   -- a running job whose lease expired is resumed
    error            text,
    requested_by     text,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
create index job_state on job (state, created_at);
