-- The definitions in force and the latest computed value of every published period: what the
-- read-only reporting views (schema kpi_reporting, see docs/reporting.md) show to BI tools.
create table kpi_definition (
    kpi        text        primary key,
    project    text        not null,
    version    int         not null,
    definition jsonb       not null,
    updated_at timestamptz not null default now()
);

create table kpi_value (
    kpi                text             not null,
    granularity        text             not null,
    period_start       date             not null,
    period_end         date             not null,
    project            text             not null,
    value              double precision,
    unit               text,
    target             double precision,
    status             text             not null,
    sample_size        bigint           not null,
    exact              boolean          not null,
    error_bound        double precision,
    open_entities      bigint,
    definition_version int              not null,
    computed_at        timestamptz      not null,
    primary key (kpi, granularity, period_start)
);
create index kpi_value_project on kpi_value (project, granularity, period_start);
