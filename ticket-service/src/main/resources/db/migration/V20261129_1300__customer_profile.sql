-- A customer's time zone (their business calendar's) and contacts (addresses that receive public replies), edited by
-- PATCH /api/v1/customers/{id} with If-Match, hence the version.
alter table customer
    add column time_zone text   not null default 'UTC',
    add column contacts  text[] not null default '{}',
    add column version   bigint not null default 0;
create index customer_created on customer (created_at, id);
