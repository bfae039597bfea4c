-- One row per ticket and clock kind; its warning and breach deadlines are durable timers (table timer).
create table sla_clock (
    id            uuid primary key,
    ticket_id     uuid        not null,
    kind          text        not null,
    status        text        not null,
    plan          text        not null,
    severity      text        not null,
    target_millis bigint      not null,
    started_at    timestamptz not null,
    warning_at    timestamptz not null,
    due_at        timestamptz not null,
    warned_at     timestamptz,
    breached_at   timestamptz,
    met_at        timestamptz,
    late          boolean     not null default false,
    updated_at    timestamptz not null,
    version       bigint      not null default 0,
    unique (ticket_id, kind)
);
create index sla_clock_status on sla_clock (status, due_at);
