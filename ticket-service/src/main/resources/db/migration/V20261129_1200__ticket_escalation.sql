-- Requests to hand a ticket up a tier (POST /api/v1/tickets/{id}/escalations), with the L3 reproduction package.
create table ticket_escalation (
    id           uuid primary key,
    ticket_id    uuid        not null references ticket (id),
    from_tier    text,
    to_tier      text        not null,
    reason       text        not null,
    reproduction text,
    requested_by text        not null,
    requested_at timestamptz not null
);
create index ticket_escalation_ticket on ticket_escalation (ticket_id, requested_at);
