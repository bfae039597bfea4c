-- The escalation state of each ticket: where routing sent it, by which rule, and who was on call at that moment.
create table ticket_escalation (
    ticket_id  uuid primary key,
    severity   text        not null,
    plan       text        not null,
    tier       text        not null,
    team       text        not null,
    rule       text        not null,
    -- JSON array of {"id", "name"}: the responders as announced in the routed event
    responders text        not null,
    routed_at  timestamptz not null,
    updated_at timestamptz not null
);
create index ticket_escalation_team on ticket_escalation (team, tier);
