-- Alerting's own schema (DESIGN §4). Every state change, every notification and every delivery
-- attempt is kept: the history is the product.

-- KPI definitions and projects last seen on pilotage.definitions.v1 (the catalogue YAML fills
-- the gaps until governance publishes).
create table definition (
    key         text primary key,          -- project/kpi or project:<key>
    kind        text not null,             -- kpi | project
    version     int not null,
    body        jsonb not null,
    updated_at  timestamptz not null default now()
);

-- Custom rules (the two threshold rules of every KPI are implicit).
create table rule (
    id               text primary key,
    kind             text not null,
    project          text not null,
    kpi              text,
    source           text,
    severity         text not null,
    value            double precision,
    for_evaluations  int not null default 1,
    duration_seconds bigint,
    created_by       text not null,
    created_at       timestamptz not null default now()
);
create index rule_project on rule (project);

-- The latest value with data of every KPI period (previous-period comparisons, trends, no_data).
create table kpi_period_value (
    project       text not null,
    kpi           text not null,
    granularity   text not null,
    period_start  date not null,
    period_end    date not null,
    value         double precision,
    received_at   timestamptz not null,
    primary key (project, kpi, granularity, period_start)
);

-- One row per alert instance (rule x KPI): its current state.
create table alert (
    id               text primary key,      -- stable, URL-safe id derived from the key
    key              text not null unique,  -- <rule>:<project>/<kpi or source>
    rule_id          text not null,
    rule_kind        text not null,
    project          text not null,
    kpi              text,
    source           text,
    severity         text not null,
    state            text not null,
    consecutive      int not null,
    since            timestamptz not null,
    episode          int not null default 0,
    value            double precision,
    previous_value   double precision,
    threshold        double precision,
    target           double precision,
    unit             text,
    granularity      text,
    period_start     date,
    period_end       date,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    ack_comment      text,
    updated_at       timestamptz not null
);
create index alert_project_state on alert (project, state);

-- Every transition, in order; published on pilotage.alerts.v1 (published_at set once acked).
create table alert_transition (
    id            bigserial primary key,
    alert_id      text not null references alert (id),
    episode       int not null,
    from_state    text not null,
    to_state      text not null,
    severity      text not null,
    value         double precision,
    threshold     double precision,
    granularity   text,
    period_start  date,
    period_end    date,
    at            timestamptz not null,
    by_user       text,
    comment       text,
    published_at  timestamptz
);
create index alert_transition_alert on alert_transition (alert_id, id);
create index alert_transition_unpublished on alert_transition (id) where published_at is null;

-- Where notifications go.
create table subscription (
    id            text primary key,
    project       text,                      -- null: every project
    kpi           text,                      -- null: every KPI of the project(s)
    min_severity  text not null,             -- warning | critical
    channel       text not null,             -- slack | email | webhook
    target        text not null,             -- webhook URL or e-mail address
    secret        text,                      -- webhook HMAC key
    language      text not null,             -- fr | en
    created_by    text not null,
    created_at    timestamptz not null default now()
);

-- Ad hoc silences.
create table silence (
    id          text primary key,
    matchers    jsonb not null,              -- [{"name":"project","value":"erp"}, ...] all must match
    author      text not null,
    reason      text not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    created_at  timestamptz not null default now()
);

-- Recurring mute windows in a time zone.
create table mute_window (
    id          text primary key,
    name        text not null,
    matchers    jsonb not null,
    zone        text not null,
    days        text not null,               -- e.g. SATURDAY,SUNDAY
    start_time  time not null,
    end_time    time not null,               -- end <= start: the window crosses midnight
    author      text not null,
    created_at  timestamptz not null default now()
);

-- The persistent notification log: written (status pending) in the transaction of the state
-- change, marked 'sending' before the delivery and 'sent' after it. After a crash, 'sending'
-- rows become 'interrupted' and are never sent again: never twice for one state change.
create table notification (
    id               bigserial primary key,
    dedupe_key       text not null unique,
    alert_id         text not null references alert (id),
    transition_id    bigint references alert_transition (id),
    episode          int not null,
    subscription_id  text not null,
    project          text not null,
    kind             text not null,          -- firing | no_data | resolved | repeat | unsilenced
    status           text not null,          -- pending | sending | sent | silenced | superseded | dead | interrupted
    attempts         int not null default 0,
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    last_error       text,
    snapshot         jsonb not null          -- the alert as it was when the notification was created
);
create index notification_due on notification (next_attempt_at) where status = 'pending';
create index notification_alert on notification (alert_id, subscription_id, episode, id);
create index notification_status on notification (status, id);

-- Every delivery attempt of one message (a group of notifications to one subscription).
create table delivery_attempt (
    id                bigserial primary key,
    subscription_id   text not null,
    channel           text not null,
    notification_ids  bigint[] not null,
    attempt           int not null,
    outcome           text not null,         -- delivered | failed | timeout
    status_code       int,
    latency_ms        double precision not null,
    error             text,
    at                timestamptz not null
);
create index delivery_attempt_subscription on delivery_attempt (subscription_id, id);

-- KPI values that could never be applied (undecodable, unknown KPI, invalid): listable.
create table dead_letter (
    id          bigserial primary key,
    topic       text not null,
    partition   int not null,
    "offset"    bigint not null,
    key         text,
    reason      text not null,
    payload     text,
    at          timestamptz not null default now()
);
