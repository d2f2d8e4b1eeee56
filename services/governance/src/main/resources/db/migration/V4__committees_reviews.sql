-- Steering committees, their reviews with a frozen scorecard snapshot, decisions and actions (DESIGN §5.3).
create table committee (
    id          text        primary key check (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    name        text        not null,
    members     jsonb       not null,
    version     integer     not null default 1,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null
);

create table review (
    id          uuid        primary key,
    committee   text        not null references committee (id),
    kind        text        not null check (kind in ('monthly', 'quarterly')),
    period      text        not null,
    held_on     date        not null,
    projects    text[]      not null,
    attendees   jsonb       not null,
    -- the scorecards as the KPI engine gave them when the review was created; never updated
    snapshot    jsonb       not null,
    created_at  timestamptz not null default now(),
    created_by  text        not null
);
create index review_committee on review (committee, held_on);

create table decision (
    id          uuid        primary key,
    review      uuid        not null references review (id),
    text        text        not null,
    kpis        text[]      not null default '{}',
    created_at  timestamptz not null default now(),
    created_by  text        not null
);
create index decision_review on decision (review, created_at);

create table review_action (
    id          uuid        primary key,
    review      uuid        not null references review (id),
    title       text        not null,
    owner       text        not null,
    due_date    date        not null,
    status      text        not null check (status in ('open', 'in_progress', 'done', 'cancelled')),
    version     integer     not null default 1,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null
);
create index review_action_due on review_action (status, due_date);
create index review_action_review on review_action (review);
