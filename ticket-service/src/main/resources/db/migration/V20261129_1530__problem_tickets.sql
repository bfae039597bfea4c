-- Problem tickets: an incident ticket may name the problem ticket behind it; resolving the problem resolves them.
alter table ticket add column problem_id uuid references ticket (id);
create index ticket_problem on ticket (problem_id) where problem_id is not null;
