package io.tierline.escalation.run;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Tier;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.schedule.Schedule;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where escalations find policies, schedules and teams; read in the caller's session. */
public interface Directory {

    Uni<Optional<EscalationPolicy>> policy(String id);

    Uni<Optional<Schedule>> schedule(UUID id);

    Uni<Optional<TeamRef>> team(String id);

    /** The teams of a tier, by id: the first is where a ticket handed up to the tier goes. */
    Uni<List<TeamRef>> teamsOf(Tier tier);
}
