-- Relays and timer workers are woken in-process by the instance that committed the work, and poll for the rest.
-- A NOTIFY at commit takes a database-wide lock that serializes every committing transaction that notified.
drop trigger if exists outbox_notify on outbox;
drop function if exists outbox_notify();
drop trigger if exists timer_notify on timer;
drop function if exists timer_notify();
