-- A cause escalation-service asked for (tierline.escalation.page-requested) pages the people it names and nobody
-- else; a cause without responders (an SLA breach) pages whoever the ticket's responders are, now or later.
alter table page_cause add column responders text[];
