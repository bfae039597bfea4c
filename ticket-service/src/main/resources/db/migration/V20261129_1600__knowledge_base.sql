-- The knowledge base: runbooks and known-issue articles in Markdown (/api/v1/articles), edited with If-Match, hence
-- the version. source_ticket_id: the resolved ticket an article was drafted from.
create table article (
    id               uuid primary key,
    kind             text        not null,
    status           text        not null,
    title            text        not null,
    body             text        not null,
    tags             text[]      not null default '{}',
    components       text[]      not null default '{}',
    source_ticket_id uuid references ticket (id),
    created_by       text        not null,
    updated_by       text        not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null default 0
);
-- Full-text search: a word in the title weighs more than one in the body. Generated, so it can never lag an edit.
alter table article
    add column search tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) stored;
create index article_search on article using gin (search);
create index article_tags on article using gin (tags);
create index article_components on article using gin (components);
-- Lists come a page at a time in the order articles were written (keyset on created_at, id).
create index article_created on article (created_at, id);

-- The articles linked from a ticket (POST /api/v1/tickets/{id}/articles); a pair is linked once.
create table ticket_article (
    ticket_id  uuid        not null references ticket (id),
    article_id uuid        not null references article (id),
    linked_by  text        not null,
    linked_at  timestamptz not null,
    primary key (ticket_id, article_id)
);
create index ticket_article_article on ticket_article (article_id);
