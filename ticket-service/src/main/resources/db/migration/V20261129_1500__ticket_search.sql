-- Finding tickets (GET /api/v1/tickets): full-text search over title, description and comments, the first SLA breach,
-- and indexes for the filters and orders a support engineer uses.
alter table ticket add column breached_at timestamptz;

-- Comments' words, kept on the ticket by a trigger so that one index answers a text search.
alter table ticket add column comment_words tsvector not null default ''::tsvector;
alter table ticket add column public_comment_words tsvector not null default ''::tsvector;

-- Staff search everything; a customer's people only what they may read (no internal notes).
alter table ticket add column search tsvector generated always as (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', coalesce(description, '')), 'B')
    || comment_words) stored;
alter table ticket add column public_search tsvector generated always as (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', coalesce(description, '')), 'B')
    || public_comment_words) stored;
-- What similar tickets are matched on: what the ticket is about, not the conversation.
alter table ticket add column subject_words tsvector generated always as (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', coalesce(description, '')), 'B')) stored;

create function ticket_comment_words() returns trigger language plpgsql as $$
begin
    update ticket set comment_words = comment_words || to_tsvector('english', new.body),
                      public_comment_words = case when new.visibility = 'PUBLIC'
                          then public_comment_words || to_tsvector('english', new.body)
                          else public_comment_words end
    where id = new.ticket_id;
    return new;
end $$;
create trigger ticket_comment_words after insert on ticket_comment
    for each row execute function ticket_comment_words();

-- Tickets commented before this migration: their comments' words.
update ticket t set
    comment_words = coalesce((select to_tsvector('english', string_agg(c.body, ' '))
                              from ticket_comment c where c.ticket_id = t.id), ''::tsvector),
    public_comment_words = coalesce((select to_tsvector('english', string_agg(c.body, ' '))
                                     from ticket_comment c where c.ticket_id = t.id and c.visibility = 'PUBLIC'),
                                    ''::tsvector)
where exists (select 1 from ticket_comment c where c.ticket_id = t.id);

create index ticket_search on ticket using gin (search);
create index ticket_public_search on ticket using gin (public_search);
create index ticket_subject_words on ticket using gin (subject_words) where status in ('RESOLVED', 'CLOSED');
create index ticket_tags on ticket using gin (tags);
create index ticket_status_created on ticket (status, created_at desc, id desc);
create index ticket_severity_created on ticket (severity, created_at desc, id desc);
create index ticket_updated on ticket (updated_at desc, id desc);
create index ticket_team_created on ticket (team, created_at desc, id desc) where team is not null;
create index ticket_assignee_created on ticket (assignee, created_at desc, id desc) where assignee is not null;
create index ticket_breached_created on ticket (created_at desc, id desc) where breached_at is not null;
