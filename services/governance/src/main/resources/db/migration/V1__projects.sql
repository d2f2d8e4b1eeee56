-- Projects (DESIGN §5.1). Seeded with the group's three IT projects; owners edit them later.
create table project (
    key           text primary key check (key ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    name          text        not null,
    objective     text        not null,
    sponsor       text        not null,
    owner         text        not null,
    status        text        not null check (status in ('active', 'paused', 'closed')),
    created_at    timestamptz not null default now()
);

insert into project (key, name, objective, sponsor, owner, status) values
  ('erp', 'ERP', 'Automate finance, purchasing and HR processes and cut the cost and time of each transaction',
   'Direction financière', 'erp.owner@example.ml', 'active'),
  ('mobile-app', 'Customer mobile app', 'Grow active self-service customers, conversion and revenue per user, in line with data-protection law',
   'Direction commerciale et marketing', 'mobile.owner@example.ml', 'active'),
  ('cybersecurity', 'Cybersecurity', 'Detect and resolve incidents faster and fix vulnerabilities within their SLA',
   'Direction des systèmes d''information', 'security.owner@example.ml', 'active');
