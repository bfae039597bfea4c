package io.tierline.escalation.run;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Tier;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.policy.Policies;
import io.tierline.escalation.schedule.Schedule;
import io.tierline.escalation.schedule.Schedules;
import io.tierline.escalation.team.TeamInfo;
import io.tierline.escalation.team.Teams;
import io.tierline.platform.memo.SessionMemo;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The policies, schedules and teams kept through the API, each read once per session: a poll of tickets routed in
 * one transaction reads the configuration they share once ({@link SessionMemo}).
 */
@ApplicationScoped
public class StoredDirectory implements Directory {

    private final Policies policies;
    private final Schedules schedules;
    private final Teams teams;

    StoredDirectory(Policies policies, Schedules schedules, Teams teams) {
        this.policies = policies;
        this.schedules = schedules;
        this.teams = teams;
    }

    @Override
    public Uni<Optional<EscalationPolicy>> policy(String id) {
        return SessionMemo.remember(new Read("policy", id), () -> policies.find(id));
    }

    @Override
    public Uni<Optional<Schedule>> schedule(UUID id) {
        return SessionMemo.remember(new Read("schedule", id), () -> schedules.find(id));
    }

    @Override
    public Uni<Optional<TeamRef>> team(String id) {
        return teams.remembered(id).map(found -> found.map(StoredDirectory::ref));
    }

    @Override
    public Uni<List<TeamRef>> teamsOf(Tier tier) {
        return SessionMemo.remember(new Read("tier", tier),
                () -> teams.forTier(tier).map(found -> found.stream().map(StoredDirectory::ref).toList()));
    }

    private record Read(String what, Object id) {
    }

    private static TeamRef ref(TeamInfo team) {
        return new TeamRef(team.id(), team.tier(), team.escalationPolicyId(), team.scheduleId(), team.members());
    }
}
