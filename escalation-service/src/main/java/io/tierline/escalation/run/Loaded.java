package io.tierline.escalation.run;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.policy.Level;
import io.tierline.escalation.policy.PolicyLookup;
import io.tierline.escalation.policy.Target;
import io.tierline.escalation.policy.TargetResolver;
import io.tierline.escalation.schedule.Schedule;
import io.tierline.escalation.schedule.Shift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Everything one escalation step may need, read before the step runs so the plain-Java run resolves targets and
 * finds the next tier's policy without touching the database: each tier's team and policy, and the schedules and
 * teams those policies target.
 */
public final class Loaded implements TargetResolver, PolicyLookup {

    private final Map<Tier, TeamRef> tierTeams;
    private final Map<String, EscalationPolicy> policies;
    private final Map<UUID, Schedule> schedules;
    private final Map<String, TeamRef> teams;

    private Loaded(Map<Tier, TeamRef> tierTeams, Map<String, EscalationPolicy> policies, Map<UUID, Schedule> schedules,
                   Map<String, TeamRef> teams) {
        this.tierTeams = tierTeams;
        this.policies = policies;
        this.schedules = schedules;
        this.teams = teams;
    }

    /** Reads the tiers' teams and policies, {@code extraPolicyId}'s too, and all they target. */
    public static Uni<Loaded> read(Directory directory, String extraPolicyId) {
        Map<Tier, TeamRef> tierTeams = new HashMap<>();
        Map<String, EscalationPolicy> policies = new HashMap<>();
        Map<UUID, Schedule> schedules = new HashMap<>();
        Map<String, TeamRef> teams = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Tier tier : Tier.values()) {
            chain = chain.call(() -> directory.teamsOf(tier).invoke(found -> {
                if (!found.isEmpty()) {
                    tierTeams.put(tier, found.get(0));
                    teams.put(found.get(0).id(), found.get(0));
                }
            }));
        }
        return chain.flatMap(ignored -> {
            Set<String> policyIds = new LinkedHashSet<>();
            if (extraPolicyId != null) {
                policyIds.add(extraPolicyId);
            }
            tierTeams.values().forEach(team -> {
                if (team.escalationPolicyId() != null) {
                    policyIds.add(team.escalationPolicyId());
                }
            });
            Uni<Void> loadPolicies = Uni.createFrom().voidItem();
            for (String id : policyIds) {
                loadPolicies = loadPolicies.call(() -> directory.policy(id).invoke(p -> p.ifPresent(
                        policy -> policies.put(id, policy))));
            }
            return loadPolicies;
        }).flatMap(ignored -> {
            Set<String> teamIds = new LinkedHashSet<>();
            Set<UUID> scheduleIds = new LinkedHashSet<>();
            for (EscalationPolicy policy : policies.values()) {
                for (Level level : policy.levels()) {
                    for (Target target : level.targets()) {
                        if (target instanceof Target.ScheduleTarget s) {
                            parse(s.scheduleId()).ifPresent(scheduleIds::add);
                        } else if (target instanceof Target.TeamTarget t && !teams.containsKey(t.teamId())) {
                            teamIds.add(t.teamId());
                        }
                    }
                }
            }
            Uni<Void> loadTeams = Uni.createFrom().voidItem();
            for (String id : teamIds) {
                loadTeams = loadTeams.call(() -> directory.team(id).invoke(t -> t.ifPresent(team -> teams.put(id, team))));
            }
            return loadTeams.invoke(() -> teams.values().forEach(team -> {
                if (team.scheduleId() != null) {
                    scheduleIds.add(team.scheduleId());
                }
            })).flatMap(loaded -> {
                Uni<Void> loadSchedules = Uni.createFrom().voidItem();
                for (UUID id : scheduleIds) {
                    loadSchedules = loadSchedules.call(() -> directory.schedule(id).invoke(s -> s.ifPresent(
                            schedule -> schedules.put(id, schedule))));
                }
                return loadSchedules;
            });
        }).map(ignored -> new Loaded(tierTeams, policies, schedules, teams));
    }

    /**
     * Only the run's policy, for a step that resolves no target and moves no tier (an acknowledgement, an update, the
     * resolution): the tiers' teams and the schedules are not read.
     */
    public static Uni<Loaded> policyOnly(Directory directory, String policyId) {
        return directory.policy(policyId).map(policy -> new Loaded(Map.of(),
                policy.map(p -> Map.of(policyId, p)).orElse(Map.of()), Map.of(), Map.of()));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Optional<EscalationPolicy> policy(String id) {
        return Optional.ofNullable(id == null ? null : policies.get(id));
    }

    /** The team a ticket at this tier belongs to: the tier's first team. */
    public Optional<TeamRef> teamOf(Tier tier) {
        return Optional.ofNullable(tierTeams.get(tier));
    }

    @Override
    public Optional<EscalationPolicy> forTier(Tier tier) {
        return teamOf(tier).flatMap(team -> policy(team.escalationPolicyId()));
    }

    @Override
    public List<Responder> resolve(Target target, Instant at) {
        if (target instanceof Target.PersonTarget person) {
            return List.of(new Responder(person.personId(), person.personId()));
        }
        if (target instanceof Target.ScheduleTarget schedule) {
            return onCall(parse(schedule.scheduleId()).map(schedules::get).orElse(null), at);
        }
        if (target instanceof Target.TeamTarget team) {
            TeamRef found = teams.get(team.teamId());
            if (found == null) {
                return List.of();
            }
            if (found.scheduleId() != null) {
                return onCall(schedules.get(found.scheduleId()), at);
            }
            // a team without a schedule: all its members answer for it
            return found.members().stream().map(id -> new Responder(id, id)).toList();
        }
        return List.of();
    }

    @Override
    public List<Instant> changesBetween(Target target, Instant from, Instant to) {
        Schedule schedule = null;
        if (target instanceof Target.ScheduleTarget s) {
            schedule = parse(s.scheduleId()).map(schedules::get).orElse(null);
        } else if (target instanceof Target.TeamTarget t && teams.get(t.teamId()) != null
                && teams.get(t.teamId()).scheduleId() != null) {
            schedule = schedules.get(teams.get(t.teamId()).scheduleId());
        }
        if (schedule == null) {
            return List.of();
        }
        List<Instant> changes = new ArrayList<>();
        for (Shift shift : schedule.shifts(from, to)) {
            if (shift.start().isAfter(from)) {
                changes.add(shift.start());
            }
        }
        return changes;
    }

    private static List<Responder> onCall(Schedule schedule, Instant at) {
        if (schedule == null) {
            return List.of();
        }
        return schedule.onCallAt(at).map(onCall -> List.of(new Responder(onCall.person(), onCall.person())))
                .orElse(List.of());
    }
}
