-- The due time as scheduled; due_at moves when a failed handler is retried, this does not, so lateness is
-- measured against the real deadline.
alter table timer add column scheduled_for timestamptz;
update timer set scheduled_for = due_at;
alter table timer alter column scheduled_for set not null;
