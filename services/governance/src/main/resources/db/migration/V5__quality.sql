-- Data-quality results per source (DESIGN §5.4), from the events ingestion rejected
-- (pilotage.events.rejected.v1). Counted once per Kafka record: the last applied offset of each
-- partition is stored in the same transaction as the counts.
create table quality_source (
    source      text        primary key,
    rejected    bigint      not null default 0,
    last_at     timestamptz
);

create table quality_failure (
    source      text        not null,
    rule        text        not null,
    field       text        not null,
    failures    bigint      not null default 0,
    last_at     timestamptz,
    primary key (source, rule, field)
);

-- the latest rejected events per source (bounded: older samples are pruned)
create table quality_sample (
    id          bigserial   primary key,
    source      text        not null,
    event_id    text,
    received_at timestamptz,
    reasons     jsonb       not null,
    payload     text
);
create index quality_sample_source on quality_sample (source, id desc);

create table quality_offset (
    topic_partition integer primary key,
    applied_offset  bigint  not null
);
