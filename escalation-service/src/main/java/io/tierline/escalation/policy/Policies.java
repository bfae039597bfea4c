package io.tierline.escalation.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.config.EscalationConfig;
import io.tierline.escalation.domain.StoredPolicy;
import io.tierline.escalation.domain.StoredSchedule;
import io.tierline.escalation.mapping.JsonMergePatch;
import io.tierline.escalation.mapping.PolicyDocument;
import io.tierline.escalation.mapping.PolicyDocument.PolicyDefinition;
import io.tierline.escalation.mapping.Refusals;
import io.tierline.escalation.repository.TeamTable;
import io.tierline.escalation.schedule.Schedule;
import io.tierline.escalation.schedule.Schedules;
import io.tierline.escalation.schedule.Shift;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Escalation policies as stored, and the engine's {@link EscalationPolicy} built from them. {@link #find} is for the
 * rest of the service (escalation runs); the other methods are the use cases of {@code /api/v1/escalation-policies}.
 *
 * <p>Reads are {@code @WithSession}, which joins the caller's session (and transaction) when there is one.
 */
@ApplicationScoped
public class Policies {

    public static final List<String> EDITABLE = List.of("name", "levels", "repeats", "urgency", "ackTimeouts",
            "tierMoves");
    private static final Map<String, String> READ_ONLY = Map.of("id", "a policy's id is its name in URLs and"
            + " teams; create a new policy instead", "version", "", "createdBy", "", "updatedBy", "", "createdAt", "",
            "updatedAt", "");
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A policy's coverage gaps over a stretch of time (see {@link OnCallGaps}). */
    public record Check(StoredPolicy policy, Instant from, Instant until, List<OnCallGaps.Gap> gaps) {
    }

    private final ObjectMapper json;
    private final Validator validator;
    private final Schedules schedules;
    private final TeamTable teams;
    private final EscalationConfig config;
    private final Clock clock;

    Policies(ObjectMapper json, Validator validator, Schedules schedules, TeamTable teams, EscalationConfig config,
             Clock clock) {
        this.json = json;
        this.validator = validator;
        this.schedules = schedules;
        this.teams = teams;
        this.config = config;
        this.clock = clock;
    }

    /** The policy with this id, ready to run; empty when there is none. */
    @WithSession
    public Uni<Optional<EscalationPolicy>> find(String id) {
        return StoredPolicy.<StoredPolicy>findById(id).map(stored -> Optional.ofNullable(stored)
                .map(this::policy));
    }

    public EscalationPolicy policy(StoredPolicy stored) {
        return PolicyDocument.policy(stored.id, stored.name, document(stored));
    }

    public PolicyDocument.Stored document(StoredPolicy stored) {
        try {
            return json.readValue(stored.document, PolicyDocument.Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy " + stored.id + " has a document that is not a policy", e);
        }
    }

    public PolicyDefinition definition(StoredPolicy stored) {
        return PolicyDefinition.of(stored.id, stored.name, document(stored));
    }

    /**
     * Stores a new policy under the id the caller chose: a 409 when it is taken, a 422 naming every field that keeps
     * it from running (a schedule target naming no schedule included).
     */
    @WithTransaction
    public Uni<StoredPolicy> create(PolicyDefinition definition, String by) {
        return requireRunnable(definition)
                .flatMap(ok -> StoredPolicy.<StoredPolicy>findById(definition.id()))
                .flatMap(existing -> {
                    if (existing != null) {
                        throw duplicate(definition.id());
                    }
                    Instant now = clock.instant();
                    StoredPolicy stored = new StoredPolicy();
                    stored.id = definition.id();
                    write(stored, definition);
                    stored.createdBy = by;
                    stored.updatedBy = by;
                    stored.createdAt = now;
                    stored.updatedAt = now;
                    return stored.persistAndFlush()
                            .onFailure(Policies::isUniqueViolation).transform(e -> duplicate(definition.id()))
                            .replaceWith(stored);
                });
    }

    @WithSession
    public Uni<StoredPolicy> get(String id) {
        return StoredPolicy.<StoredPolicy>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation policy", id));
    }

    /** {@code limit} policies with ids after {@code after} (or from the first), by id. */
    @WithSession
    public Uni<List<StoredPolicy>> list(String after, int limit) {
        if (after == null) {
            return StoredPolicy.<StoredPolicy>find("order by id").page(0, limit).list();
        }
        return StoredPolicy.<StoredPolicy>find("id > ?1 order by id", after).page(0, limit).list();
    }

    /** Merges the patch (If-Match required) and validates the result as a whole, as {@link #create} does. */
    @WithTransaction
    public Uni<StoredPolicy> update(String id, String ifMatch, JsonNode patch, String by) {
        MergePatch.of(patch, "escalation policy").finish(EDITABLE, READ_ONLY);
        return StoredPolicy.<StoredPolicy>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation policy", id))
                .flatMap(stored -> {
                    Versions.requireMatch(ifMatch, stored.version, "escalation policy");
                    PolicyDefinition merged = merged(definition(stored), patch);
                    return requireRunnable(merged).map(ok -> {
                        String before = stored.name + '\n' + stored.document;
                        write(stored, merged);
                        if (!before.equals(stored.name + '\n' + stored.document)) {
                            stored.updatedBy = by;
                            stored.updatedAt = clock.instant();
                        }
                        return stored;
                    });
                });
    }

    /** Deletes a policy no team uses (a 409 otherwise). */
    @WithTransaction
    public Uni<Void> delete(String id) {
        return StoredPolicy.<StoredPolicy>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation policy", id))
                .flatMap(stored -> teams.usingPolicy(id).flatMap(count -> {
                    if (count > 0) {
                        String why = count + " team(s) use it as their escalation policy";
                        throw new ProblemException(Problem.of(409, "policy-in-use", "Escalation policy in use",
                                "Escalation policy " + id + " cannot be deleted: " + why,
                                List.of(new Problem.FieldError("id", why))));
                    }
                    return stored.delete();
                }));
    }

    /**
     * Where the policy's levels reach nobody, or people without a contact method, from now for {@code days} days.
     * Schedule targets resolve through their schedule, person targets to the person, team targets through the
     * team's schedule (nobody when the team or its schedule is unknown).
     *
     * @param hasContactMethod whether notification-service can reach a person
     */
    @WithSession
    public Uni<Check> check(String id, int days, Predicate<String> hasContactMethod) {
        Instant from = clock.instant();
        Instant until = from.plus(Duration.ofDays(days));
        return get(id).flatMap(stored -> {
            EscalationPolicy policy = policy(stored);
            return resolver(policy).map(resolver -> new Check(stored, from, until,
                    OnCallGaps.find(policy, resolver, hasContactMethod, from, days)));
        });
    }

    /** Loads every schedule the policy's targets lead to, then resolves from memory. */
    private Uni<TargetResolver> resolver(EscalationPolicy policy) {
        Map<Target, Optional<Schedule>> byTarget = new HashMap<>();
        Uni<Void> loading = Uni.createFrom().voidItem();
        for (Level level : policy.levels()) {
            for (Target target : level.targets()) {
                if (target instanceof Target.PersonTarget || byTarget.containsKey(target)) {
                    continue;
                }
                byTarget.put(target, Optional.empty());
                loading = loading.flatMap(v -> scheduleOf(target)).invoke(s -> byTarget.put(target, s))
                        .replaceWithVoid();
            }
        }
        return loading.map(v -> new TargetResolver() {
            @Override
            public List<Responder> resolve(Target target, Instant at) {
                if (target instanceof Target.PersonTarget person) {
                    return List.of(new Responder(person.personId(), person.personId()));
                }
                return byTarget.getOrDefault(target, Optional.empty())
                        .flatMap(schedule -> schedule.onCallAt(at))
                        .map(onCall -> List.of(new Responder(onCall.person(), onCall.person())))
                        .orElse(List.of());
            }

            @Override
            public List<Instant> changesBetween(Target target, Instant from, Instant to) {
                return byTarget.getOrDefault(target, Optional.empty())
                        .map(schedule -> schedule.shifts(from, to).stream().map(Shift::start).toList())
                        .orElse(List.of());
            }
        });
    }

    private Uni<Optional<Schedule>> scheduleOf(Target target) {
        if (target instanceof Target.ScheduleTarget schedule) {
            return uuid(schedule.scheduleId()).map(schedules::find)
                    .orElse(Uni.createFrom().item(Optional.empty()));
        }
        return teams.scheduleOf(target.id()).flatMap(scheduleId -> scheduleId.map(schedules::find)
                .orElse(Uni.createFrom().item(Optional.empty())));
    }

    /**
     * A 422 naming every problem of the policy: the engine's, and every schedule target that names no schedule. The
     * schedules found are locked for share until the transaction ends, so none is deleted under a policy being saved.
     */
    private Uni<Void> requireRunnable(PolicyDefinition definition) {
        List<Problem.FieldError> errors = new ArrayList<>();
        PolicyDocument.problems(definition, config.minLevelDelay())
                .forEach(e -> errors.add(new Problem.FieldError(e.field(), e.message())));
        Uni<Void> checks = Uni.createFrom().voidItem();
        List<PolicyDocument.LevelDefinition> levels = definition.levels() == null ? List.of() : definition.levels();
        for (int i = 0; i < levels.size(); i++) {
            List<PolicyDocument.TargetDefinition> targets = levels.get(i) == null || levels.get(i).targets() == null
                    ? List.of() : levels.get(i).targets();
            for (int j = 0; j < targets.size(); j++) {
                PolicyDocument.TargetDefinition target = targets.get(j);
                if (target == null || target.type() != PolicyDocument.TargetType.SCHEDULE || target.id() == null
                        || target.id().isBlank()) {
                    continue;
                }
                String field = PolicyDocument.targetPath(i, j) + ".id";
                Optional<UUID> scheduleId = uuid(target.id());
                if (scheduleId.isEmpty()) {
                    errors.add(new Problem.FieldError(field, "must be the id (a UUID) of a schedule"));
                    continue;
                }
                checks = checks.flatMap(v -> StoredSchedule.<StoredSchedule>findById(scheduleId.get(),
                                LockModeType.PESSIMISTIC_READ))
                        .invoke(found -> {
                            if (found == null) {
                                errors.add(new Problem.FieldError(field, "no schedule with this id"));
                            }
                        })
                        .replaceWithVoid();
            }
        }
        return checks.invoke(() -> {
            if (!errors.isEmpty()) {
                throw Refusals.unprocessable("escalation policy", errors);
            }
        });
    }

    private PolicyDefinition merged(PolicyDefinition current, JsonNode patch) {
        JsonNode document = JsonMergePatch.apply(json.valueToTree(current), patch);
        PolicyDefinition merged;
        try {
            merged = json.treeToValue(document, PolicyDefinition.class);
        } catch (JsonProcessingException e) {
            throw Refusals.unreadable(e);
        }
        Set<ConstraintViolation<PolicyDefinition>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return merged;
    }

    private void write(StoredPolicy stored, PolicyDefinition definition) {
        stored.name = definition.name();
        try {
            stored.document = json.writeValueAsString(definition.stored());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException duplicate(String id) {
        return new ProblemException(Problem.of(409, "policy-exists", "Escalation policy exists",
                "An escalation policy with id " + id + " exists already; PATCH it, or choose another id",
                List.of(new Problem.FieldError("id", "is taken"))));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException
                    || String.valueOf(cause.getMessage()).contains("23505")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<UUID> uuid(String text) {
        if (text == null || !CANONICAL_UUID.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
