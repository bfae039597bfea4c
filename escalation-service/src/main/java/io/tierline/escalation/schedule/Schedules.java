package io.tierline.escalation.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.escalation.domain.StoredSchedule;
import io.tierline.escalation.mapping.JsonMergePatch;
import io.tierline.escalation.mapping.Refusals;
import io.tierline.escalation.mapping.ScheduleDocument;
import io.tierline.escalation.mapping.ScheduleDocument.ScheduleDefinition;
import io.tierline.escalation.repository.TeamTable;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * On-call schedules as stored, and the engine's {@link Schedule} built from them. {@link #find} is for the rest of
 * the service (policy checks, escalation runs); the other methods are the use cases of {@code /api/v1/schedules}.
 *
 * <p>Reads are {@code @WithSession}, which joins the caller's session (and transaction) when there is one.
 */
@ApplicationScoped
public class Schedules {

    /** What a patch may set; the rest of the view is read-only. */
    public static final List<String> EDITABLE = List.of("name", "timeZone", "layers", "overrides");
    private static final Map<String, String> READ_ONLY = Map.of("id", "", "version", "", "createdBy", "",
            "updatedBy", "", "createdAt", "", "updatedAt", "");

    private final ObjectMapper json;
    private final Validator validator;
    private final TeamTable teams;
    private final Clock clock;

    Schedules(ObjectMapper json, Validator validator, TeamTable teams, Clock clock) {
        this.json = json;
        this.validator = validator;
        this.teams = teams;
        this.clock = clock;
    }

    /** The schedule with this id, ready to answer who is on call; empty when there is none. */
    @WithSession
    public Uni<Optional<Schedule>> find(UUID id) {
        return StoredSchedule.<StoredSchedule>findById(id).map(stored -> Optional.ofNullable(stored)
                .map(this::schedule));
    }

    /** The engine's schedule of a stored one (stored schedules were validated when written). */
    public Schedule schedule(StoredSchedule stored) {
        return ScheduleDocument.schedule(stored.timeZone, document(stored));
    }

    /** The stored layers and overrides of a schedule. */
    public ScheduleDocument.Stored document(StoredSchedule stored) {
        try {
            return json.readValue(stored.document, ScheduleDocument.Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedule " + stored.id + " has a document that is not a schedule", e);
        }
    }

    /** The schedule as the API shows it (and as a patch is merged into). */
    public ScheduleDefinition definition(StoredSchedule stored) {
        ScheduleDocument.Stored document = document(stored);
        return new ScheduleDefinition(stored.name, stored.timeZone, document.layers(), document.overrides());
    }

    /** Stores a new schedule; a 422 naming every field that keeps it from being evaluated. */
    @WithTransaction
    public Uni<StoredSchedule> create(ScheduleDefinition definition, String by) {
        requireEvaluable(definition);
        Instant now = clock.instant();
        StoredSchedule stored = new StoredSchedule();
        stored.id = UUID.randomUUID();
        write(stored, definition);
        stored.createdBy = by;
        stored.updatedBy = by;
        stored.createdAt = now;
        stored.updatedAt = now;
        return stored.persist().replaceWith(stored);
    }

    @WithSession
    public Uni<StoredSchedule> get(UUID id) {
        return StoredSchedule.<StoredSchedule>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Schedule", id));
    }

    /** {@code limit} schedules after {@code after}, in the order they were created. */
    @WithSession
    public Uni<List<StoredSchedule>> list(Cursor after, int limit) {
        if (after == null) {
            return StoredSchedule.<StoredSchedule>find("order by createdAt, id").page(0, limit).list();
        }
        return StoredSchedule.<StoredSchedule>find(
                        "createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id", after.at(), after.id())
                .page(0, limit).list();
    }

    /**
     * Merges the patch into the schedule whose current ETag {@code ifMatch} names and validates the result as a whole
     * (400 for a malformed one, 422 for one that cannot be evaluated). The row is locked while it is checked, so of
     * two edits from the same ETag the second is a 412.
     */
    @WithTransaction
    public Uni<StoredSchedule> update(UUID id, String ifMatch, JsonNode patch, String by) {
        MergePatch.of(patch, "schedule").finish(EDITABLE, READ_ONLY);
        return StoredSchedule.<StoredSchedule>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Schedule", id))
                .invoke(stored -> {
                    Versions.requireMatch(ifMatch, stored.version, "schedule");
                    ScheduleDefinition merged = merged(definition(stored), patch);
                    requireEvaluable(merged);
                    String before = stored.name + '\n' + stored.timeZone + '\n' + stored.document;
                    write(stored, merged);
                    if (!before.equals(stored.name + '\n' + stored.timeZone + '\n' + stored.document)) {
                        stored.updatedBy = by;
                        stored.updatedAt = clock.instant();
                    }
                });
    }

    /**
     * Deletes a schedule nothing uses: a 409 naming the escalation policies that target it (or the teams whose
     * schedule it is). The row is locked first, so a policy saved meanwhile (which locks the schedules it targets
     * for share) is either seen here or refused there.
     */
    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return StoredSchedule.<StoredSchedule>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Schedule", id))
                .flatMap(stored -> targetingPolicies(id)
                        .flatMap(policies -> {
                            if (!policies.isEmpty()) {
                                throw inUse(id, "escalation policies target it: " + String.join(", ", policies));
                            }
                            return teams.usingSchedule(id);
                        })
                        .flatMap(teamCount -> {
                            if (teamCount > 0) {
                                throw inUse(id, teamCount + " team(s) use it as their schedule");
                            }
                            return stored.delete();
                        }));
    }

    /** The ids of the policies with a level targeting the schedule (at most ten, by id). */
    private Uni<List<String>> targetingPolicies(UUID id) {
        String probe = "{\"levels\":[{\"targets\":[{\"type\":\"schedule\",\"id\":\"" + id + "\"}]}]}";
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select id from escalation_policy where document @> cast(cast(:probe as text) as jsonb)"
                                + " order by id limit 10",
                        String.class)
                .setParameter("probe", probe)
                .getResultList());
    }

    private static ProblemException inUse(UUID id, String why) {
        return new ProblemException(Problem.of(409, "schedule-in-use", "Schedule in use",
                "Schedule " + id + " cannot be deleted: " + why, List.of(new Problem.FieldError("id", why))));
    }

    private ScheduleDefinition merged(ScheduleDefinition current, JsonNode patch) {
        JsonNode document = JsonMergePatch.apply(json.valueToTree(current), patch);
        ScheduleDefinition merged;
        try {
            merged = json.treeToValue(document, ScheduleDefinition.class);
        } catch (JsonProcessingException e) {
            throw Refusals.unreadable(e);
        }
        Set<ConstraintViolation<ScheduleDefinition>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return merged;
    }

    private static void requireEvaluable(ScheduleDefinition definition) {
        List<FieldError> problems = ScheduleDocument.problems(definition);
        if (!problems.isEmpty()) {
            throw Refusals.unprocessable("schedule", problems.stream()
                    .map(e -> new Problem.FieldError(e.field(), e.message())).toList());
        }
    }

    private void write(StoredSchedule stored, ScheduleDefinition definition) {
        stored.name = definition.name();
        stored.timeZone = definition.timeZone().strip();
        try {
            stored.document = json.writeValueAsString(definition.stored());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
