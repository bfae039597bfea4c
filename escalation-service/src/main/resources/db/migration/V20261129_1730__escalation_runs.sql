-- A ticket's escalation: the policy it follows and where it stands in it (io.tierline.escalation.run.RunState as
-- JSON: status, level, round, next step, pages so far, acknowledgement). Null for a ticket routed without a policy.
alter table ticket_escalation add column policy_id text;
alter table ticket_escalation add column run jsonb;
