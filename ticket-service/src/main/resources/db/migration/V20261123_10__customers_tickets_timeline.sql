create table customer (
    id         uuid primary key,
    name       text        not null,
    plan       text        not null,
    created_at timestamptz not null
);

create table ticket (
    id          uuid primary key,
    customer_id uuid        not null references customer (id),
    plan        text        not null,
    title       text        not null,
    description text,
    severity    text        not null,
    status      text        not null,
    tier        text,
    team        text,
    source      text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);
create index ticket_customer on ticket (customer_id, created_at desc);
create index ticket_created on ticket (created_at desc);

create table ticket_comment (
    id          uuid primary key,
    ticket_id   uuid        not null references ticket (id),
    body        text        not null,
    visibility  text        not null,
    author_type text        not null,
    author      text        not null,
    created_at  timestamptz not null
);
create index ticket_comment_ticket on ticket_comment (ticket_id, created_at);

-- What happened to a ticket, from every service's events, each event once.
create table timeline_entry (
    id          bigint generated always as identity primary key,
    ticket_id   uuid        not null,
    event_id    uuid        not null unique,
    event_type  text        not null,
    source      text        not null,
    occurred_at timestamptz not null,
    summary     text        not null,
    data        text        not null
);
create index timeline_entry_ticket on timeline_entry (ticket_id, occurred_at, id);
