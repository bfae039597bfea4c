-- When the source resolves the alert behind an incident ticket, the alert has ended: the ticket stays (people work
-- and resolve it), but its dedup key is free again, so the same alert firing later opens a new ticket, as PagerDuty
-- opens a new incident.
alter table ticket add column alert_resolved_at timestamptz;
drop index ticket_open_dedup;
create unique index ticket_open_dedup on ticket (customer_id, dedup_key)
    where dedup_key is not null and alert_resolved_at is null and status not in ('RESOLVED', 'CLOSED');
