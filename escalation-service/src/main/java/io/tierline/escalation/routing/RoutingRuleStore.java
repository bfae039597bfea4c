package io.tierline.escalation.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.escalation.config.RoutingConfig;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.problem.ProblemMappers;
import io.tierline.platform.rest.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The routing rules as data: kept in {@code routing_rule} in the order they are tried, every change (create, edit,
 * delete, reorder) also kept as a numbered version of the whole rule set. {@link #current()} answers the rules routing
 * uses, built once per set version (so a change applies to the next ticket, and an unchanged set is not rebuilt).
 *
 * <p>Changes to the set are serialised by a transaction-scoped advisory lock: positions are renumbered and the
 * version counted by one writer at a time.
 */
@ApplicationScoped
public class RoutingRuleStore {

    /** The advisory lock key of rule-set changes ("routing" in ASCII). */
    private static final long LOCK = 0x726f7574696e67L;
    private static final Map<String, String> READ_ONLY = Map.of("id", "", "position",
            "PUT /api/v1/routing-rules/order moves rules", "version", "", "createdAt", "", "createdBy", "",
            "updatedAt", "", "updatedBy", "");
    private static final TypeReference<List<SetRule>> SET = new TypeReference<>() {
    };

    /** One rule of a kept set version. */
    public record SetRule(UUID id, int position, String name, RuleConditions conditions, RuleAction action) {
    }

    /** The rules routing uses and the set version they are; version 0 is the empty set before any change. */
    public record Current(long version, RoutingRules rules) {
    }

    /** The rules in the order they are tried, and the set version they make. */
    public record RuleSet(long version, List<StoredRule> rules) {
    }

    private final RoutingConfig config;
    private final PolicyCheck policies;
    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;
    private final AtomicReference<Current> cache = new AtomicReference<>();

    RoutingRuleStore(RoutingConfig config, PolicyCheck policies, ObjectMapper json, Validator validator, Clock clock) {
        this.config = config;
        this.policies = policies;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    /** The rules routing uses now, with the configured default tier and team. */
    public Uni<RoutingRules> current() {
        return snapshot().map(Current::rules);
    }

    /** {@link #current()} with its set version. */
    @WithSession
    public Uni<Current> snapshot() {
        return latestVersion().flatMap(version -> {
            Current cached = cache.get();
            if (cached != null && cached.version() == version) {
                return Uni.createFrom().item(cached);
            }
            // the kept version, not the table: one immutable row is a consistent snapshot of the whole set
            Uni<List<SetRule>> rules = version == 0 ? Uni.createFrom().item(List.of())
                    : RuleSetVersion.<RuleSetVersion>findById(version).map(kept -> read(kept.rules, SET));
            return rules.map(set -> {
                Current built = new Current(version, new RoutingRules(set.stream()
                        .map(rule -> new RoutingRules.Rule(rule.name(), rule.conditions().toConditions(),
                                rule.action().toAction()))
                        .toList(), config.defaultTier(), config.defaultTeam()));
                cache.set(built);
                return built;
            });
        });
    }

    @WithSession
    public Uni<RuleSet> list() {
        return latestVersion().flatMap(version -> StoredRule.<StoredRule>list("order by position")
                .map(rules -> new RuleSet(version, rules)));
    }

    @WithSession
    public Uni<StoredRule> get(UUID id) {
        return find(id);
    }

    /** Adds a rule at {@code position} (1 is tried first; null: after every other rule). */
    @WithTransaction
    public Uni<StoredRule> create(RuleInput input, Integer position, String by) {
        return lockedRules().flatMap(rules -> {
            int at = position == null ? rules.size() + 1 : position;
            return validate(input, rules, null, at < 1 || at > rules.size() + 1
                    ? new Problem.FieldError("position", "must be between 1 and " + (rules.size() + 1)
                    + " (there are " + rules.size() + " rules)") : null)
                    .flatMap(ignored -> {
                        Instant now = clock.instant();
                        rules.stream().filter(rule -> rule.position >= at).forEach(rule -> rule.position++);
                        StoredRule rule = new StoredRule();
                        rule.id = UUID.randomUUID();
                        rule.position = at;
                        write(rule, input);
                        rule.createdAt = now;
                        rule.createdBy = by;
                        rule.updatedAt = now;
                        rule.updatedBy = by;
                        List<StoredRule> all = new ArrayList<>(rules);
                        all.add(rule);
                        return rule.persist().flatMap(saved -> keep(all, "created rule '" + rule.name
                                + "' at position " + at, by, now)).replaceWith(rule);
                    });
        });
    }

    /** Applies a JSON merge patch (RFC 7396) of name, conditions and action to the rule {@code ifMatch} last saw. */
    @WithTransaction
    public Uni<StoredRule> update(UUID id, String ifMatch, JsonNode patch, String by) {
        return lockedRules().flatMap(rules -> {
            StoredRule rule = rules.stream().filter(r -> r.id.equals(id)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Routing rule", id));
            Versions.requireMatch(ifMatch, rule.version, "routing rule");
            RuleInput input = merged(input(rule), patch);
            if (input.equals(input(rule))) {
                return Uni.createFrom().item(rule); // nothing changes, not even the ETag or the set version
            }
            return validate(input, rules, rule, null).flatMap(ignored -> {
                Instant now = clock.instant();
                String was = rule.name;
                write(rule, input);
                rule.updatedAt = now;
                rule.updatedBy = by;
                return keep(rules, "changed rule '" + was + "'" + (was.equals(rule.name) ? ""
                        : " (now '" + rule.name + "')"), by, now).replaceWith(rule);
            });
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, String by) {
        return lockedRules().flatMap(rules -> {
            StoredRule rule = rules.stream().filter(r -> r.id.equals(id)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Routing rule", id));
            List<StoredRule> rest = new ArrayList<>(rules);
            rest.remove(rule);
            rest.stream().filter(r -> r.position > rule.position).forEach(r -> r.position--);
            return rule.delete().flatMap(ignored -> keep(rest, "deleted rule '" + rule.name + "' from position "
                    + rule.position, by, clock.instant()));
        }).replaceWithVoid();
    }

    /** Puts the rules in the order {@code ids} names; it must name every rule once. */
    @WithTransaction
    public Uni<RuleSet> reorder(List<UUID> ids, String by) {
        return lockedRules().flatMap(rules -> {
            Set<UUID> known = rules.stream().map(rule -> rule.id).collect(Collectors.toSet());
            List<Problem.FieldError> errors = new ArrayList<>();
            Set<UUID> seen = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                UUID id = ids.get(i);
                if (!known.contains(id)) {
                    errors.add(new Problem.FieldError("ruleIds[" + i + "]", "no routing rule " + id));
                } else if (!seen.add(id)) {
                    errors.add(new Problem.FieldError("ruleIds[" + i + "]", "names rule " + id + " a second time"));
                }
            }
            List<String> missing = rules.stream().filter(rule -> !ids.contains(rule.id))
                    .map(rule -> rule.id + " ('" + rule.name + "')").toList();
            if (!missing.isEmpty()) {
                errors.add(new Problem.FieldError("ruleIds", "must name every rule once; missing "
                        + String.join(", ", missing)));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.unprocessable("invalid-rule-order", "Invalid rule order", detail(errors),
                        errors);
            }
            boolean moved = false;
            for (StoredRule rule : rules) {
                int position = ids.indexOf(rule.id) + 1;
                moved |= rule.position != position;
                rule.position = position;
            }
            if (!moved) {
                return latestVersion().map(version -> new RuleSet(version, sorted(rules)));
            }
            Instant now = clock.instant();
            return keep(rules, "reordered the rules: " + sorted(rules).stream().map(rule -> rule.name)
                    .collect(Collectors.joining(", ")), by, now)
                    .map(version -> new RuleSet(version, sorted(rules)));
        });
    }

    /** Kept set versions, newest first: {@code limit} of them below {@code before} (null: from the newest). */
    @WithSession
    public Uni<List<RuleSetVersion>> versions(Long before, int limit) {
        return (before == null ? RuleSetVersion.<RuleSetVersion>find("order by version desc")
                : RuleSetVersion.<RuleSetVersion>find("version < ?1 order by version desc", before))
                .page(0, limit).list();
    }

    @WithSession
    public Uni<RuleSetVersion> version(long version) {
        return RuleSetVersion.<RuleSetVersion>findById(version).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Routing rule set version", version));
    }

    /** The rules of a kept set version, in order. */
    public List<SetRule> rulesOf(RuleSetVersion version) {
        return read(version.rules, SET);
    }

    /** A stored rule's content as the API shows it. */
    public RuleInput input(StoredRule rule) {
        return new RuleInput(rule.name, read(rule.conditions, new TypeReference<RuleConditions>() {
        }), read(rule.action, new TypeReference<RuleAction>() {
        }));
    }

    // ------------------------------------------------------------------------------------------------ inside

    private Uni<Long> latestVersion() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select coalesce(max(version), 0) from routing_rule_set_version", Long.class).getSingleResult());
    }

    private Uni<StoredRule> find(UUID id) {
        return StoredRule.<StoredRule>findById(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Routing rule", id));
    }

    /** Takes the rule-set lock for the transaction, then reads every rule in order. */
    private Uni<List<StoredRule>> lockedRules() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select cast(pg_advisory_xact_lock(?1) as text)", String.class).setParameter(1, LOCK)
                .getSingleResult())
                .flatMap(ignored -> StoredRule.<StoredRule>list("order by position"))
                .map(ArrayList::new);
    }

    /**
     * A 422 naming every problem of the rule ({@link RuleValidation}: bad patterns, unknown teams and policies, a
     * name another rule has), with {@code extra} (a bad position) if given.
     */
    private Uni<Void> validate(RuleInput input, List<StoredRule> rules, StoredRule replacing,
                               Problem.FieldError extra) {
        Set<String> otherNames = rules.stream().filter(rule -> rule != replacing).map(rule -> rule.name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String team = input.action().team();
        String policy = input.action().escalationPolicyId();
        Uni<Boolean> teamExists = Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select count(*) from team where id = ?1", Long.class).setParameter(1, team).getSingleResult()
                .map(count -> count > 0));
        Uni<Boolean> policyExists = policy == null ? Uni.createFrom().item(true) : policies.exists(policy);
        return teamExists.flatMap(teamOk -> policyExists.map(policyOk -> {
            List<Problem.FieldError> errors = new ArrayList<>();
            if (extra != null) {
                errors.add(extra);
            }
            RuleValidation.problems(input.draft(), otherNames, t -> teamOk, p -> policyOk)
                    .forEach(e -> errors.add(new Problem.FieldError(e.field(), e.message())));
            if (!errors.isEmpty()) {
                throw ProblemException.unprocessable("invalid-routing-rule", "Invalid routing rule", detail(errors),
                        errors);
            }
            return null;
        })).replaceWithVoid();
    }

    private void write(StoredRule rule, RuleInput input) {
        rule.name = input.name();
        rule.conditions = text(input.conditions());
        rule.action = text(input.action());
    }

    /** Keeps the set as it is after a change as its next version; answers the version number. */
    private Uni<Long> keep(List<StoredRule> rules, String change, String by, Instant now) {
        List<SetRule> set = sorted(rules).stream()
                .map(rule -> {
                    RuleInput input = input(rule);
                    return new SetRule(rule.id, rule.position, input.name(), input.conditions(), input.action());
                })
                .toList();
        return latestVersion().flatMap(latest -> {
            RuleSetVersion version = new RuleSetVersion();
            version.version = latest + 1;
            version.rules = text(set);
            version.change = change;
            version.changedBy = by;
            version.changedAt = now;
            return version.persist().replaceWith(version.version);
        });
    }

    /** The current content with the patch merged in (RFC 7396), read and checked like a new rule (400s). */
    private RuleInput merged(RuleInput current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("body", "must be a JSON object (a JSON merge patch of the routing rule)");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        unknownMembers(patch, "", RuleInput.FIELDS, errors);
        unknownMembers(patch.get("conditions"), "conditions.", RuleConditions.FIELDS, errors);
        unknownMembers(patch.path("conditions").get("text"), "conditions.text.", RuleText.FIELDS, errors);
        unknownMembers(patch.get("action"), "action.", RuleAction.FIELDS, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "invalid-request", "Invalid request", detail(errors), errors));
        }
        JsonNode document = json.valueToTree(current);
        RuleInput merged;
        try {
            merged = json.treeToValue(merge(document, patch), RuleInput.class);
        } catch (JsonProcessingException e) {
            Problem.FieldError error = ProblemMappers.jsonError(e);
            throw ProblemException.badRequest(error.field(), error.message());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("body", "has the wrong type or shape");
        }
        Set<ConstraintViolation<RuleInput>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return merged;
    }

    private static void unknownMembers(JsonNode node, String prefix, List<String> fields,
                                       List<Problem.FieldError> errors) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String field = prefix + io.tierline.platform.input.StorableText.cut(name, 64);
            if (prefix.isEmpty() && READ_ONLY.containsKey(name)) {
                String hint = READ_ONLY.get(name);
                errors.add(new Problem.FieldError(field, "cannot be changed by a patch"
                        + (hint.isEmpty() ? "" : " (" + hint + ")")));
            } else if (!fields.contains(name)) {
                errors.add(new Problem.FieldError(field, "is not a field that can be set; a patch may set "
                        + String.join(", ", fields)));
            }
        }
    }

    /** RFC 7396: members of the patch replace the target's, null removes, objects merge member by member. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    private static List<StoredRule> sorted(List<StoredRule> rules) {
        return rules.stream().sorted(Comparator.comparingInt(rule -> rule.position)).toList();
    }

    private static String detail(List<Problem.FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write routing rule JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored routing rule JSON does not read back", e);
        }
    }
}
