package io.tierline.escalation.policy;

import io.tierline.contracts.Severity;
import io.tierline.contracts.events.Responder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is paged for a ticket, in which order, and how fast: ordered levels, each paged when the previous one did not
 * acknowledge within its delay; the whole list runs {@code repeats + 1} times before the ticket moves up a tier.
 *
 * <p>Construction never throws on bad input (nulls are kept) so that {@link #validate(Duration)} can name every
 * problem at once; an {@link EscalationRun} refuses a policy that is not {@linkplain #requireRunnable() runnable}.
 *
 * @param urgency     per severity; severities left out take {@link #DEFAULT_URGENCY} (SEV1, SEV2 at once)
 * @param ackTimeouts per severity; a severity left out has no ack timeout
 * @param tierMoves   SLA alerts that move the ticket up a tier
 */
public record EscalationPolicy(String id, String name, List<Level> levels, int repeats, Map<Severity, Urgency> urgency,
                               Map<Severity, Duration> ackTimeouts, List<TierMoveRule> tierMoves) {

    /** The smallest delay an administrator may configure; tests and demos pass a smaller one to {@link #validate}. */
    public static final Duration DEFAULT_MINIMUM_DELAY = Duration.ofMinutes(1);
    public static final int MAX_REPEATS = 10;
    /** The two most urgent severities page at once; the others wait for an SLA clock to alert. */
    public static final Map<Severity, Urgency> DEFAULT_URGENCY = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Severity.SEV1, Urgency.PAGE_AT_ONCE, Severity.SEV2, Urgency.PAGE_AT_ONCE,
            Severity.SEV3, Urgency.ON_SLA_ONLY, Severity.SEV4, Urgency.ON_SLA_ONLY)));

    public EscalationPolicy {
        levels = levels == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(levels));
        Map<Severity, Urgency> withDefaults = new EnumMap<>(DEFAULT_URGENCY);
        if (urgency != null) {
            urgency.forEach((severity, value) -> {
                if (severity != null) {
                    withDefaults.put(severity, value);
                }
            });
        }
        urgency = Collections.unmodifiableMap(withDefaults);
        ackTimeouts = ackTimeouts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ackTimeouts));
        tierMoves = tierMoves == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tierMoves));
    }

    /** A policy with default urgency, no ack timeouts and no SLA tier moves. */
    public EscalationPolicy(String id, String name, List<Level> levels, int repeats) {
        this(id, name, levels, repeats, Map.of(), Map.of(), List.of());
    }

    public Urgency urgencyOf(Severity severity) {
        Urgency value = urgency.get(severity);
        return value == null ? Urgency.ON_SLA_ONLY : value;
    }

    public Optional<Duration> ackTimeoutOf(Severity severity) {
        return Optional.ofNullable(ackTimeouts.get(severity));
    }

    /** The level at a 0-based index. */
    public Level level(int index) {
        return levels.get(index);
    }

    /**
     * Every problem of the policy, each with the path of its field; empty when the policy is valid.
     *
     * @param minimumDelay the smallest level delay accepted (normally {@link #DEFAULT_MINIMUM_DELAY}); a delay of zero
     *                     or less is refused whatever this says, since it would page every level and repeat at once
     */
    public List<FieldError> validate(Duration minimumDelay) {
        List<FieldError> errors = new ArrayList<>();
        if (id == null || id.isBlank()) {
            errors.add(new FieldError("id", "must not be blank"));
        }
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        if (levels.isEmpty()) {
            errors.add(new FieldError("levels", "must have at least one level"));
        }
        for (int i = 0; i < levels.size(); i++) {
            validateLevel("levels[" + i + "]", levels.get(i), minimumDelay, errors);
        }
        if (repeats < 0 || repeats > MAX_REPEATS) {
            errors.add(new FieldError("repeats", "must be between 0 and " + MAX_REPEATS));
        }
        urgency.forEach((severity, value) -> {
            if (value == null) {
                errors.add(new FieldError("urgency." + severity, "must be PAGE_AT_ONCE or ON_SLA_ONLY"));
            }
        });
        ackTimeouts.forEach((severity, timeout) -> {
            String field = "ackTimeouts." + severity;
            if (severity == null) {
                errors.add(new FieldError(field, "must name a severity"));
            } else if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                errors.add(new FieldError(field, "must be positive (leave the severity out for no ack timeout)"));
            }
        });
        for (int i = 0; i < tierMoves.size(); i++) {
            validateTierMove("tierMoves[" + i + "]", tierMoves.get(i), errors);
        }
        return List.copyOf(errors);
    }

    /** {@link #validate(Duration)} with the administrators' minimum delay of one minute. */
    public List<FieldError> validate() {
        return validate(DEFAULT_MINIMUM_DELAY);
    }

    /**
     * Refuses a policy a run cannot follow (no levels, a level without targets, a delay that is not positive...):
     * the engine's own guard against zero-delay loops, whatever minimum the administrators' validation used.
     */
    public EscalationPolicy requireRunnable() {
        List<FieldError> errors = validate(Duration.ofNanos(1));
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Escalation policy " + id + " cannot run: " + errors);
        }
        return this;
    }

    /** The first team a level names, if any: what a tier move announces as the ticket's team. */
    static String teamOf(Level level) {
        return level.targets().stream()
                .filter(Target.TeamTarget.class::isInstance)
                .map(Target::id)
                .findFirst()
                .orElse(null);
    }

    /** The people a level names at an instant: every target's, in order, each person once. */
    static List<Responder> resolve(Level level, TargetResolver resolver, Instant at) {
        Map<String, Responder> byId = new LinkedHashMap<>();
        for (Target target : level.targets()) {
            List<Responder> people = resolver.resolve(target, at);
            if (people != null) {
                people.stream().filter(r -> r != null && r.id() != null).forEach(r -> byId.putIfAbsent(r.id(), r));
            }
        }
        return List.copyOf(byId.values());
    }

    private static void validateLevel(String path, Level level, Duration minimumDelay, List<FieldError> errors) {
        if (level == null) {
            errors.add(new FieldError(path, "must not be null"));
            return;
        }
        if (level.targets().isEmpty()) {
            errors.add(new FieldError(path + ".targets", "must have at least one target"));
        }
        for (int j = 0; j < level.targets().size(); j++) {
            Target target = level.targets().get(j);
            String targetPath = path + ".targets[" + j + "]";
            if (target == null) {
                errors.add(new FieldError(targetPath, "must not be null"));
            } else if (target.id() == null || target.id().isBlank()) {
                errors.add(new FieldError(targetPath + "." + target.idField(), "must not be blank"));
            }
        }
        Duration delay = level.delay();
        if (delay == null) {
            errors.add(new FieldError(path + ".delay", "is required"));
        } else if (delay.isNegative() || delay.isZero()) {
            errors.add(new FieldError(path + ".delay",
                    "must be positive: a zero delay would page every level at once"));
        } else if (minimumDelay != null && delay.compareTo(minimumDelay) < 0) {
            errors.add(new FieldError(path + ".delay", "must be at least " + minimumDelay));
        }
    }

    private static void validateTierMove(String path, TierMoveRule rule, List<FieldError> errors) {
        if (rule == null) {
            errors.add(new FieldError(path, "must not be null"));
            return;
        }
        if (rule.clock() == null) {
            errors.add(new FieldError(path + ".clock", "is required"));
        }
        if (rule.alert() == null) {
            errors.add(new FieldError(path + ".alert", "is required"));
        }
        if (rule.from() == null) {
            errors.add(new FieldError(path + ".from", "is required"));
        }
        if (rule.to() == null) {
            errors.add(new FieldError(path + ".to", "is required"));
        } else if (rule.from() != null && rule.to().compareTo(rule.from()) <= 0) {
            errors.add(new FieldError(path + ".to", "must be a higher tier than " + rule.from()));
        }
    }
}
