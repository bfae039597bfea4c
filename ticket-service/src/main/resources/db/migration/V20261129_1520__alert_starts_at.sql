-- Alertmanager re-sends a firing alert every group_interval / repeat_interval with the startsAt it began with: that is
-- the same firing, not another occurrence. The start last counted on an open incident ticket tells the two apart
-- (null for sources that name no start, whose every trigger counts).
alter table ticket add column alert_starts_at timestamptz;
