package io.tierline.escalation.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.policy.FieldError;
import io.tierline.escalation.policy.Level;
import io.tierline.escalation.policy.SlaAlert;
import io.tierline.escalation.policy.Target;
import io.tierline.escalation.policy.TierMoveRule;
import io.tierline.escalation.policy.Urgency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON shape of an escalation policy, as the API takes it and as the {@code escalation_policy.document} column
 * stores everything but its id and name, and its translation to the engine's {@link EscalationPolicy}.
 *
 * <p>Bean Validation bounds sizes and checks the slug (a 400); whether the policy can run (no levels, a zero delay,
 * repeats out of range) is {@link EscalationPolicy#validate} (a 422), whose target paths are renamed to the JSON's
 * ({@code levels[0].targets[1].id}, not {@code .scheduleId}).
 */
public final class PolicyDocument {

    public static final String SLUG = "^[a-z0-9][a-z0-9-]{0,62}$";
    public static final int MAX_ID = 63;
    public static final int MAX_NAME = 200;
    public static final int MAX_LEVELS = 20;
    public static final int MAX_TARGETS = 20;
    public static final int MAX_TARGET_ID = 200;
    public static final int MAX_TIER_MOVES = 20;

    private PolicyDocument() {
    }

    /** What a target names: a schedule (its UUID), a person (their id), or a team (its schedule's on-call). */
    public enum TargetType {
        @JsonProperty("schedule") SCHEDULE,
        @JsonProperty("person") PERSON,
        @JsonProperty("team") TEAM
    }

    @Schema(description = "An escalation policy: levels paged in order, each after the previous one's delay passed"
            + " unacknowledged; the whole list runs repeats + 1 times.")
    public record PolicyDefinition(
            @NotNull @Size(max = MAX_ID) @Pattern(regexp = SLUG, message = "must be a slug such as core-default"
                    + " (lower-case letters, digits and dashes, at most 63)")
            @Schema(description = "A slug chosen by the administrator", examples = "core-default") String id,
            @NotBlank @Size(max = MAX_NAME) String name,
            @Size(max = MAX_LEVELS) List<@Valid LevelDefinition> levels,
            @Schema(description = "How many more times the whole policy runs when nobody acknowledges (0 to 10)",
                    minimum = "0", maximum = "10", defaultValue = "0") Integer repeats,
            @Size(max = 4) @Schema(maxProperties = 4, description = "Per severity: PAGE_AT_ONCE, or ON_SLA_ONLY"
                    + " (page only when an SLA clock warns or breaches). Left out: SEV1 and SEV2 page at once, SEV3"
                    + " and SEV4 on SLA only.")
            Map<Severity, Urgency> urgency,
            @Size(max = 4) @Schema(maxProperties = 4, description = "Per severity: how long a page may stay"
                    + " unacknowledged (ISO-8601 duration); a severity left out has none")
            Map<Severity, Duration> ackTimeouts,
            @Size(max = MAX_TIER_MOVES) List<@Valid TierMoveDefinition> tierMoves) {

        public Stored stored() {
            return new Stored(levels, repeats, urgency, ackTimeouts, tierMoves);
        }

        public static PolicyDefinition of(String id, String name, Stored stored) {
            return new PolicyDefinition(id, name, stored.levels(), stored.repeats(), stored.urgency(),
                    stored.ackTimeouts(), stored.tierMoves());
        }
    }

    @Schema(description = "Targets paged together, and how long they have to acknowledge before the next level")
    public record LevelDefinition(
            @Size(max = MAX_TARGETS) List<@Valid TargetDefinition> targets,
            @Schema(type = SchemaType.STRING, format = "duration", examples = "PT5M") Duration delay) {
    }

    public record TargetDefinition(
            @Schema(enumeration = {"schedule", "person", "team"}) TargetType type,
            @Size(max = MAX_TARGET_ID) @Schema(description = "A schedule's UUID, a person's id or a team's id")
            String id) {
    }

    @Schema(description = "An SLA alert of the clock on a ticket at tier from moves it to tier to (a WARNING rule"
            + " fires on a breach too)")
    public record TierMoveDefinition(SlaClockKind clock, SlaAlert alert, Tier from, Tier to) {
    }

    /** What the {@code escalation_policy.document} column holds. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Stored(List<LevelDefinition> levels, Integer repeats, Map<Severity, Urgency> urgency,
                         Map<Severity, Duration> ackTimeouts, List<TierMoveDefinition> tierMoves) {
    }

    /** The engine's policy (never throws: the engine validates what it is given). */
    public static EscalationPolicy policy(PolicyDefinition definition) {
        List<Level> levels = definition.levels() == null ? null : definition.levels().stream()
                .map(l -> l == null ? null : new Level(l.targets() == null ? null : l.targets().stream()
                        .map(PolicyDocument::target).toList(), l.delay()))
                .collect(Collectors.toCollection(ArrayList::new));
        List<TierMoveRule> moves = definition.tierMoves() == null ? null : definition.tierMoves().stream()
                .map(m -> m == null ? null : new TierMoveRule(m.clock(), m.alert(), m.from(), m.to()))
                .collect(Collectors.toCollection(ArrayList::new));
        Map<Severity, Urgency> urgency = definition.urgency() == null ? null : new EnumMap<>(Severity.class);
        if (urgency != null) {
            definition.urgency().forEach(urgency::put);
        }
        return new EscalationPolicy(definition.id(), definition.name(), levels,
                definition.repeats() == null ? 0 : definition.repeats(), urgency, definition.ackTimeouts(), moves);
    }

    /** The engine's policy from what is stored. */
    public static EscalationPolicy policy(String id, String name, Stored stored) {
        return policy(PolicyDefinition.of(id, name, stored));
    }

    /**
     * Everything that keeps the policy from running, by JSON field path: a target without a type, then what
     * {@link EscalationPolicy#validate} finds with the configured minimum delay.
     */
    public static List<FieldError> problems(PolicyDefinition definition, Duration minimumDelay) {
        List<FieldError> errors = new ArrayList<>();
        List<LevelDefinition> levels = definition.levels() == null ? List.of() : definition.levels();
        for (int i = 0; i < levels.size(); i++) {
            LevelDefinition level = levels.get(i);
            List<TargetDefinition> targets = level == null || level.targets() == null ? List.of() : level.targets();
            for (int j = 0; j < targets.size(); j++) {
                if (targets.get(j) != null && targets.get(j).type() == null) {
                    errors.add(new FieldError(targetPath(i, j) + ".type", "must be schedule, person or team"));
                }
            }
        }
        Set<String> typeless = errors.stream().map(e -> e.field().substring(0, e.field().length() - 5))
                .collect(Collectors.toSet());
        for (FieldError error : policy(definition).validate(minimumDelay)) {
            if (!typeless.contains(error.field())) {
                errors.add(new FieldError(jsonPath(error.field()), error.message()));
            }
        }
        return List.copyOf(errors);
    }

    public static String targetPath(int level, int target) {
        return "levels[" + level + "].targets[" + target + "]";
    }

    static String jsonPath(String enginePath) {
        return enginePath.replaceAll("\\.(scheduleId|personId|teamId)$", ".id");
    }

    /** The engine's target; null for a target without a type (reported as such by {@link #problems}). */
    private static Target target(TargetDefinition target) {
        if (target == null || target.type() == null) {
            return null;
        }
        return switch (target.type()) {
            case SCHEDULE -> new Target.ScheduleTarget(target.id());
            case PERSON -> new Target.PersonTarget(target.id());
            case TEAM -> new Target.TeamTarget(target.id());
        };
    }

    /** The JSON form of an engine target, for answers that name one. */
    public static TargetDefinition definition(Target target) {
        if (target instanceof Target.ScheduleTarget s) {
            return new TargetDefinition(TargetType.SCHEDULE, s.scheduleId());
        }
        if (target instanceof Target.PersonTarget p) {
            return new TargetDefinition(TargetType.PERSON, p.personId());
        }
        return new TargetDefinition(TargetType.TEAM, target.id());
    }
}
