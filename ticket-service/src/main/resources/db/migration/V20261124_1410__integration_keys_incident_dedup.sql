-- Monitoring sources and other systems send incidents with an integration key. A key is shown once when it is
-- created; only its SHA-256 is kept. An integration has at most two active keys, so a new one can be rolled out
-- before the old one is revoked.
create table integration (
    id          uuid primary key,
    name        text        not null,
    customer_id uuid        not null references customer (id),
    created_at  timestamptz not null,
    created_by  text        not null,
    revoked_at  timestamptz
);
create index integration_customer on integration (customer_id);

create table integration_key (
    id             uuid primary key,
    integration_id uuid        not null references integration (id),
    key_hash       text        not null unique,
    hint           text        not null,
    created_at     timestamptz not null,
    revoked_at     timestamptz
);
create index integration_key_integration on integration_key (integration_id);

-- Incident tickets: the source's dedup key and how often the alert fired. While a ticket is open, one dedup key
-- per customer names one ticket (the index makes two concurrent first alerts collide instead of both opening one).
alter table ticket add column dedup_key text;
alter table ticket add column occurrences integer not null default 1;
create unique index ticket_open_dedup on ticket (customer_id, dedup_key)
    where dedup_key is not null and status not in ('RESOLVED', 'CLOSED');
