-- The fields a support engineer works a ticket with, and the lifecycle's marks (PATCH /api/v1/tickets/{id}).
alter table ticket
    add column assignee        text,
    add column component       text,
    add column environment     text,
    add column product_version text,
    add column tags            text[] not null default '{}',
    add column status_reason   text,
    add column resolution_note text,
    add column resolved_at     timestamptz,
    add column closed_at       timestamptz,
    add column first_responded_at timestamptz;
-- Tickets answered before this column existed: their first public agent reply.
update ticket t set first_responded_at = (
    select min(c.created_at) from ticket_comment c
    where c.ticket_id = t.id and c.visibility = 'PUBLIC' and c.author_type = 'AGENT');
