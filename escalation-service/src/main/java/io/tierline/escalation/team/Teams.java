package io.tierline.escalation.team;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Tier;
import io.tierline.escalation.config.RoutingConfig;
import io.tierline.escalation.routing.PolicyCheck;
import io.tierline.platform.memo.SessionMemo;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The support teams: who works at which tier and who is paged for it. Reads ({@link #byId}, {@link #forTier}) answer
 * immutable {@link TeamInfo}s for the rest of the service; writes are the admin API's.
 */
@ApplicationScoped
public class Teams {

    public static final int MAX_ID = 63;
    public static final int MAX_NAME = 200;
    public static final int MAX_PRODUCT_AREA = 100;
    public static final int MAX_MEMBERS = 100;
    public static final int MAX_PERSON_ID = 200;
    public static final int MAX_POLICY_ID = 100;

    /** What a team id looks like: lower-case letters, digits and dashes, as rules, events and metrics name it. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** A new team as the API received it (sizes and required fields already checked). */
    public record NewTeam(String id, String name, Tier tier, String productArea, List<String> members,
                          String escalationPolicyId, UUID scheduleId, String by) {
    }

    private final PolicyCheck policies;
    private final RoutingConfig routing;
    private final Clock clock;

    Teams(PolicyCheck policies, RoutingConfig routing, Clock clock) {
        this.policies = policies;
        this.routing = routing;
        this.clock = clock;
    }

    /** The team with this id, if there is one. */
    @WithSession
    public Uni<Optional<TeamInfo>> byId(String id) {
        if (id == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Team.<Team>findById(id).map(team -> Optional.ofNullable(team).map(Team::info));
    }

    /**
     * The team with this id as this session first read it ({@link SessionMemo}): a poll of tickets routed to one team
     * reads it once. For the event path, which changes no team.
     */
    public Uni<Optional<TeamInfo>> remembered(String id) {
        return SessionMemo.remember(new Remembered(id), () -> byId(id));
    }

    private record Remembered(String id) {
    }

    /** The teams working at a tier, by id: the first is where a ticket handed up to the tier goes. */
    @WithSession
    public Uni<List<TeamInfo>> forTier(Tier tier) {
        return Team.<Team>list("tier = ?1 order by id", tier).map(teams -> teams.stream().map(Team::info).toList());
    }

    /** Teams by id, a page at a time: {@code limit} rows after the id {@code after} (null for the first page). */
    @WithSession
    public Uni<List<Team>> list(String after, int limit) {
        return (after == null ? Team.<Team>find("order by id") : Team.<Team>find("id > ?1 order by id", after))
                .page(0, limit).list();
    }

    @WithSession
    public Uni<Team> get(String id) {
        return Team.<Team>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Team", id));
    }

    /** Whether a team with this id exists, in the caller's session. */
    public Uni<Boolean> exists(String id) {
        return Team.count("id", id).map(count -> count > 0);
    }

    /** A 422 naming every field at fault, a 409 when the id is taken, else the new team. */
    @WithTransaction
    public Uni<Team> create(NewTeam request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!ID.matcher(request.id()).matches()) {
            errors.add(new Problem.FieldError("id", "must be a slug: lower-case letters, digits and dashes, starting"
                    + " with a letter or digit, at most " + MAX_ID + " characters (such as core or payments-l3)"));
        }
        return policyProblem(request.escalationPolicyId(), errors)
                .flatMap(ignored -> {
                    refuseIfAny(errors);
                    return Team.<Team>findById(request.id());
                })
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(new ProblemException(Problem.of(409, "team-exists",
                                "Team exists", "A team with id " + request.id() + " exists already; PATCH it to"
                                        + " change it", List.of(new Problem.FieldError("id", "is taken")))));
                    }
                    Instant now = clock.instant();
                    Team team = new Team();
                    team.id = request.id();
                    team.name = request.name();
                    team.tier = request.tier();
                    team.productArea = request.productArea();
                    team.members = distinct(request.members());
                    team.escalationPolicyId = request.escalationPolicyId();
                    team.scheduleId = request.scheduleId();
                    team.createdAt = now;
                    team.createdBy = request.by();
                    team.updatedAt = now;
                    team.updatedBy = request.by();
                    return team.persistAndFlush().replaceWith(team);
                });
    }

    /** Applies a merge patch to the team whose current ETag {@code ifMatch} names. */
    @WithTransaction
    public Uni<Team> update(String id, String ifMatch, TeamPatch patch, String by) {
        return Team.<Team>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Team", id))
                .invoke(team -> Versions.requireMatch(ifMatch, team.version, "team"))
                .call(team -> {
                    List<Problem.FieldError> errors = new ArrayList<>();
                    String policy = patch.escalationPolicyId() == null ? null : patch.escalationPolicyId().value();
                    return policyProblem(policy, errors).invoke(() -> refuseIfAny(errors));
                })
                .invoke(team -> {
                    boolean changed = false;
                    if (patch.name() != null && !patch.name().value().equals(team.name)) {
                        team.name = patch.name().value();
                        changed = true;
                    }
                    if (patch.tier() != null && patch.tier().value() != team.tier) {
                        team.tier = patch.tier().value();
                        changed = true;
                    }
                    if (patch.productArea() != null && !java.util.Objects.equals(patch.productArea().value(),
                            team.productArea)) {
                        team.productArea = patch.productArea().value();
                        changed = true;
                    }
                    if (patch.members() != null && !team.members().equals(patch.members().value())) {
                        team.members = patch.members().value().toArray(String[]::new);
                        changed = true;
                    }
                    if (patch.escalationPolicyId() != null && !java.util.Objects.equals(
                            patch.escalationPolicyId().value(), team.escalationPolicyId)) {
                        team.escalationPolicyId = patch.escalationPolicyId().value();
                        changed = true;
                    }
                    if (patch.scheduleId() != null && !java.util.Objects.equals(patch.scheduleId().value(),
                            team.scheduleId)) {
                        team.scheduleId = patch.scheduleId().value();
                        changed = true;
                    }
                    // a patch that changes nothing leaves even the ETag as it was
                    if (changed) {
                        team.updatedAt = clock.instant();
                        team.updatedBy = by;
                    }
                })
                .call(team -> Panache.getSession().flatMap(session -> session.flush()))
                .map(team -> team);
    }

    /**
     * Deletes a team no routing rule routes to (else a 409 naming them): a rule must never point at a team that is
     * gone. The configured default team is kept too, since unmatched tickets go there.
     */
    @WithTransaction
    public Uni<Void> delete(String id) {
        return Team.<Team>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Team", id))
                .call(team -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "select name from routing_rule where action ->> 'team' = ?1 order by position",
                                String.class)
                        .setParameter(1, id).getResultList())
                        .invoke(rules -> {
                            if (!rules.isEmpty()) {
                                throw new ProblemException(Problem.of(409, "team-in-use", "Team in use",
                                        "Routing rules route to team " + id + ": " + String.join(", ", rules)
                                                + "; change or delete them first", List.of()));
                            }
                            if (routing.defaultTeam().equals(id)) {
                                throw new ProblemException(Problem.of(409, "team-in-use", "Team in use",
                                        "Team " + id + " is the default team (tierline.routing.default-team):"
                                                + " tickets no rule matches go to it", List.of()));
                            }
                        }))
                .call(team -> team.delete())
                .replaceWithVoid();
    }

    private Uni<Void> policyProblem(String policy, List<Problem.FieldError> errors) {
        if (policy == null) {
            return Uni.createFrom().voidItem();
        }
        return policies.exists(policy).invoke(exists -> {
            if (!exists) {
                errors.add(new Problem.FieldError("escalationPolicyId", "no escalation policy '" + policy + "'"));
            }
        }).replaceWithVoid();
    }

    private static void refuseIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("invalid-team", "Invalid team", errors.stream()
                    .map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
        }
    }

    private static String[] distinct(List<String> values) {
        return values == null ? new String[0] : new LinkedHashSet<>(values).toArray(String[]::new);
    }
}
