-- Per-source counts from ingestion's SourceStatus records (pilotage.source-status.v1), for the
-- pass rate of DESIGN §5.4. Each (source, instance) keeps its latest counters; what a newer
-- status adds is counted in the day (configured zone) of that status.
create table quality_status_instance (
    source      text        not null,
    instance    text        not null,
    at          timestamptz not null,
    received    bigint      not null,
    rejected    bigint      not null,
    primary key (source, instance)
);

create table quality_day (
    source      text        not null,
    day         date        not null,
    project     text,
    received    bigint      not null default 0,
    rejected    bigint      not null default 0,
    primary key (source, day)
);
