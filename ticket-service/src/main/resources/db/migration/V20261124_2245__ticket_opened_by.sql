-- Who opened a ticket: the caller's identity (a token's principal, or integration:<id> for an integration key).
-- Tickets from before this column have none.
alter table ticket add column opened_by text;
