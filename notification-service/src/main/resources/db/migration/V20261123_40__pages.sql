-- How to reach people: a person (responder id, as escalation-service names them) may have several.
create table contact_method (
    id         uuid primary key,
    person_id  text        not null,
    type       text        not null,
    address    text        not null,
    created_at timestamptz not null,
    unique (person_id, type, address)
);

-- Who is on call for a ticket, from escalation-service's routing events.
create table ticket_responder (
    ticket_id    uuid not null,
    responder_id text not null,
    name         text,
    tier         text,
    team         text,
    primary key (ticket_id, responder_id)
);

-- Why a ticket's responders are paged (e.g. SLA_BREACHED:FIRST_RESPONSE), each cause once per ticket. Kept even
-- before the ticket is routed, so a breach that arrives first still pages the responders once they are known.
create table page_cause (
    ticket_id   uuid        not null,
    cause       text        not null,
    severity    text,
    detail      text,
    occurred_at timestamptz not null,
    primary key (ticket_id, cause)
);

-- One page per ticket, cause and responder.
create table page (
    id              uuid primary key,
    ticket_id       uuid        not null,
    responder_id    text        not null,
    cause           text        not null,
    status          text        not null,
    caused_at       timestamptz not null,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by text,
    failed_at       timestamptz,
    failure_reason  text,
    unique (ticket_id, cause, responder_id),
    foreign key (ticket_id, cause) references page_cause (ticket_id, cause)
);
create index page_responder on page (responder_id, created_at desc);

-- Every try to reach a person, successful or not.
create table delivery_attempt (
    id           bigint generated always as identity primary key,
    page_id      uuid        not null references page (id),
    attempt      int         not null,
    channel      text        not null,
    address      text        not null,
    status_code  int,
    error        text,
    attempted_at timestamptz not null,
    duration_ms  bigint      not null
);
create index delivery_attempt_page on delivery_attempt (page_id, attempt, id);
