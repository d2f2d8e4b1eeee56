-- Governance data as versioned documents (DESIGN §5).
--
-- Projects, KPI definitions and sources are stored as the JSON of their contracts record
-- (io.pilotage.contracts.definition.*), one current row per definition plus one history row per
-- version. The V1 seed table is replaced: the seed catalogue is now loaded by the service on its
-- first start (CatalogueSeeder), from the contracts' YAML catalogue.
drop table if exists project;

create table definition (
    kind        text        not null check (kind in ('project', 'kpi', 'source')),
    id          text        not null,
    project     text        not null,
    version     integer     not null check (version >= 1),
    body        jsonb       not null,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    reason      text,
    primary key (kind, id)
);
create index definition_project on definition (kind, project, id);

-- Every version of every definition: who, when, why, before and after.
create table definition_history (
    seq         bigserial   primary key,
    kind        text        not null,
    id          text        not null,
    version     integer     not null,
    project     text        not null,
    changed_at  timestamptz not null,
    changed_by  text        not null,
    reason      text,
    before      jsonb,
    after       jsonb
);
create index definition_history_id on definition_history (kind, id, version);

-- One row per seed applied, so that the catalogue is loaded once ("first start") and stays editable.
create table seed_state (
    name        text primary key,
    applied_at  timestamptz not null default now()
);

-- The audit log: append-only. The trigger below refuses UPDATE, DELETE and TRUNCATE for every
-- role, including the service's own (which owns the schema), so no API and no SQL session of the
-- service can rewrite history.
create table audit_log (
    id          bigserial   primary key,
    at          timestamptz not null default clock_timestamp(),
    actor       text        not null,
    entity_type text        not null,
    entity_id   text        not null,
    action      text        not null,
    reason      text,
    before      jsonb,
    after       jsonb
);
create index audit_log_entity on audit_log (entity_type, entity_id, at);
create index audit_log_actor on audit_log (actor, at);
create index audit_log_at on audit_log (at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
