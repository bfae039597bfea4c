-- A ticket's text-search vectors, computed once per row instead of once per column. As generated columns, search,
-- public_search and subject_words each ran to_tsvector over the title and the description again, on every insert and
-- every update (a comment's words arriving too): three times the work, which made inserting thousands of incident
-- tickets at once (an Alertmanager storm) cost seconds. A trigger now computes the subject's words once, and only when
-- the title or the description changed, and derives the three columns from them: the same values as before.
alter table ticket alter column search drop expression;
alter table ticket alter column public_search drop expression;
alter table ticket alter column subject_words drop expression;

create function ticket_words() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' or new.title is distinct from old.title or new.description is distinct from old.description
    then
        new.subject_words := setweight(to_tsvector('english', new.title), 'A')
                             || setweight(to_tsvector('english', coalesce(new.description, '')), 'B');
    else
        new.subject_words := old.subject_words;
    end if;
    new.search := new.subject_words || new.comment_words;
    new.public_search := new.subject_words || new.public_comment_words;
    return new;
end $$;
create trigger ticket_words before insert or update on ticket for each row execute function ticket_words();
