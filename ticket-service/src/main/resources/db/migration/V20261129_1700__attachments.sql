-- Diagnostic artifacts (logs, HAR files, screenshots, configuration dumps) uploaded to a ticket or to one of its
-- comments. The bytes are kept in chunks of at most tierline.attachments.chunk-size, written as the upload arrives
-- and read back one at a time, so no upload or download holds a whole file in memory.
-- state: UPLOADING while chunks arrive (rows an interrupted upload leaves are purged), STORED once complete.
-- public: shown to the customer (uploaded by the customer, or attached to a public reply); staff see every one.
create table attachment (
    id            uuid primary key,
    ticket_id     uuid        not null references ticket (id),
    comment_id    uuid references ticket_comment (id),
    state         text        not null,
    filename      text        not null,
    declared_type text,
    content_type  text,
    size_bytes    bigint      not null default 0,
    chunk_count   integer     not null default 0,
    sha256        text,
    public        boolean     not null,
    uploaded_by   text        not null,
    uploaded_at   timestamptz not null
);
create index attachment_ticket on attachment (ticket_id, uploaded_at, id);
create index attachment_uploading on attachment (uploaded_at) where state = 'UPLOADING';

create table attachment_chunk (
    attachment_id uuid    not null references attachment (id) on delete cascade,
    seq           integer not null,
    data          bytea   not null,
    primary key (attachment_id, seq)
);
-- bytea is stored out of line; compressing a screenshot or an archive again gains nothing
alter table attachment_chunk alter column data set storage external;
