-- Generated tickets for the search benchmark (bench/TicketSearchBench.java): :count tickets of 1000 customers over
-- the last year, with the spread of statuses, severities, teams, assignees, components and tags a support desk sees,
-- titles and descriptions from a small vocabulary, and one comment on every tenth ticket. Attributes are drawn from
-- independent hashes, so no two of them are correlated.
-- psql -v count=1000000 -d tierline -f bench/search-data.sql   (into the ticket schema of a running stack)
set search_path = ticket;
\timing on

insert into customer (id, name, plan, created_at)
select md5('bench-customer-' || i)::uuid, 'Bench customer ' || i,
       (array['STANDARD', 'BUSINESS', 'ENTERPRISE'])[1 + i % 3], now() - interval '400 days'
from generate_series(1, 1000) i
on conflict (id) do nothing;

with words as (
    select array['checkout', 'payment', 'login', 'export', 'invoice', 'webhook', 'timeout', 'latency', 'certificate',
                 'database', 'upload', 'search', 'report', 'refund', 'email', 'sso', 'api', 'dashboard', 'mobile',
                 'sync'] as w)
insert into ticket (id, customer_id, plan, title, description, severity, status, tier, team, assignee, component,
                    tags, source, created_at, updated_at, resolved_at, resolution_note, breached_at, version)
select gen_random_uuid(),
       md5('bench-customer-' || (1 + i % 1000))::uuid,
       (array['STANDARD', 'BUSINESS', 'ENTERPRISE'])[1 + (1 + i % 1000) % 3],
       initcap(w[1 + i % 20]) || ' ' || w[1 + (i / 20) % 20] || ' problem #' || i,
       'Customer reports ' || w[1 + (i / 7) % 20] || ' and ' || w[1 + (i / 11) % 20] || ' issues since the '
           || w[1 + (i / 13) % 20] || ' change',
       (array['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4', 'SEV4', 'SEV4', 'SEV4'])[1 + abs(hashtext('sev' || i)) % 10],
       (array['RESOLVED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER',
              'RESOLVED', 'NEW', 'CLOSED', 'CLOSED'])[1 + abs(hashtext('status' || i)) % 12],
       (array['L1', 'L1', 'L1', 'L2', 'L2', 'L3'])[1 + abs(hashtext('tier' || i)) % 6],
       (array['frontline', 'core', 'payments', 'identity', 'data', 'mobile', 'platform', 'edge'])[1 + abs(hashtext('team' || i)) % 8],
       'agent-' || (1 + abs(hashtext('agent' || i)) % 200),
       w[1 + (i / 3) % 20],
       array[w[1 + (i / 17) % 20], w[1 + (i / 19) % 20]],
       (array['api', 'api', 'pagerduty', 'alertmanager', 'incident'])[1 + abs(hashtext('source' || i)) % 5],
       now() - (i * interval '31 seconds'),
       now() - (i * interval '31 seconds') + interval '2 hours',
       null, null,
       case when abs(hashtext('breach' || i)) % 9 = 0 then now() - (i * interval '31 seconds') + interval '1 hour' end,
       0
from generate_series(1, :count) i, words;

update ticket set resolved_at = updated_at, resolution_note = 'Fixed by restarting the ' || component || ' workers'
where status in ('RESOLVED', 'CLOSED') and resolved_at is null;

insert into ticket_comment (id, ticket_id, body, visibility, author_type, author, posted_by, created_at)
select gen_random_uuid(), id, 'We restarted the ' || component || ' nodes and the ' || tags[1] || ' errors stopped',
       'PUBLIC', 'AGENT', assignee, assignee, created_at + interval '10 minutes'
from ticket where abs(hashtext(id::text)) % 10 = 0 and title like '% problem #%';

analyze ticket;
analyze ticket_comment;
select count(*) as tickets from ticket;
