-- Shared consistency tables; every service has them in its own schema.

-- Transactional outbox: written in the same transaction as the state change it announces.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    source       text        not null,
    subject      text        not null,
    event_time   timestamptz not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- A notification delivered at commit wakes the relay at once; polling is only the safety net.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_table_schema || '_outbox', '');
    return null;
end
$$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

-- Idempotent consumer: the ce_ids applied, written in the same transaction as their effect.
create table processed_event (
    event_id     uuid        primary key,
    channel      text        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);

-- Durable timers: one row per pending deadline, deleted in the transaction that handles it.
create table timer (
    id         uuid        primary key,
    kind       text        not null,
    timer_key  text        not null,
    due_at     timestamptz not null,
    payload    text,
    attempts   int         not null default 0,
    last_error text,
    created_at timestamptz not null default now(),
    unique (kind, timer_key)
);
create index timer_due on timer (due_at);

create function timer_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_table_schema || '_timers', '');
    return null;
end
$$;
create trigger timer_notify after insert or update of due_at on timer for each statement execute function timer_notify();
