-- How each person can be reached, as notification-service last said (tierline.person.contact-methods-changed): a
-- policy check reports people an escalation would page in vain. A person never announced has no contact method.
create table person_reachability (
    person_id       text primary key,
    contact_methods text[]      not null,
    changed_at      timestamptz not null
);
