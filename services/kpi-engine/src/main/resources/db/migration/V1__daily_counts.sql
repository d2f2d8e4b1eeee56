-- Events already applied to the aggregates: a replayed or duplicated event (same source and id)
-- never changes a value twice.
create table processed_event (
    source       text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (source, event_id)
);

-- Incremental, mergeable aggregate of count KPIs: one row per KPI per local day.
create table daily_count (
    kpi        text        not null,
    day        date        not null,
    count      bigint      not null,
    updated_at timestamptz not null default now(),
    primary key (kpi, day)
);
