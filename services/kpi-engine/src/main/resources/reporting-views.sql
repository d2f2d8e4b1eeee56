-- Read-only reporting views (docs/reporting.md), (re)created at every start of the KPI engine in
-- schema kpi_reporting when it exists (the harness creates it, owned by kpi_engine, with the
-- read-only LOGIN role kpi_reporting). Columns are a stable contract: add, never rename or drop.
create or replace view kpi_reporting.kpi_definitions as
select d.kpi                                            as kpi_key,
       d.project,
       d.definition -> 'name' ->> 'en'                  as name_en,
       d.definition -> 'name' ->> 'fr'                  as name_fr,
       d.definition ->> 'unit'                          as unit,
       d.definition ->> 'direction'                     as direction,
       (d.definition ->> 'target')::double precision    as target,
       (d.definition -> 'thresholds' ->> 'warning')::double precision  as warning_threshold,
       (d.definition -> 'thresholds' ->> 'critical')::double precision as critical_threshold,
       d.definition ->> 'frequency'                     as frequency,
       d.definition ->> 'owner'                         as owner,
       coalesce(d.definition -> 'window' ->> 'kind', 'calendar') as window_kind,
       (d.definition -> 'window' ->> 'days')::int       as window_days,
       d.definition -> 'measure' ->> 'type'             as measure_type,
       d.version,
       d.updated_at
from kpi_engine.kpi_definition d;

create or replace view kpi_reporting.kpi_values as
select v.kpi as kpi_key, v.project, v.granularity, v.period_start, v.period_end, v.value, v.unit, v.target, v.status,
       v.sample_size, v.exact, v.error_bound, v.open_entities, v.definition_version, v.computed_at
from kpi_engine.kpi_value v;

create or replace view kpi_reporting.kpi_latest_values as
select distinct on (v.kpi, v.granularity)
       v.kpi as kpi_key, v.project, v.granularity, v.period_start, v.period_end, v.value, v.unit, v.target, v.status,
       v.sample_size, v.exact, v.error_bound, v.definition_version, v.computed_at
from kpi_engine.kpi_value v
order by v.kpi, v.granularity, v.period_start desc;

create or replace view kpi_reporting.project_status as
select l.project, l.granularity, l.period_start,
       count(*) filter (where l.status = 'GREEN')   as green,
       count(*) filter (where l.status = 'AMBER')   as amber,
       count(*) filter (where l.status = 'RED')     as red,
       count(*) filter (where l.status = 'NO_DATA') as no_data
from kpi_reporting.kpi_latest_values l
group by l.project, l.granularity, l.period_start;

do $$
begin
    if exists (select from pg_roles where rolname = 'kpi_reporting') then
        grant usage on schema kpi_reporting to kpi_reporting;
        grant select on all tables in schema kpi_reporting to kpi_reporting;
    end if;
end $$;
