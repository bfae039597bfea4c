package io.tierline.escalation.routing;

import io.tierline.escalation.routing.RoutingRules.Action;
import io.tierline.escalation.routing.RoutingRules.Conditions;
import io.tierline.escalation.routing.RoutingRules.RuleDraft;
import io.tierline.escalation.routing.RoutingRules.TextCondition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What is wrong with a routing rule someone submitted, as {@link FieldError}s naming the JSON path of each offending
 * value: everything at once, so that an API client (and the person behind it) fixes a rule in one round trip rather
 * than one error at a time. An empty list means the draft makes a valid {@link RoutingRules.Rule}.
 *
 * <p>Whether a team or an escalation policy exists is the caller's knowledge, passed in as predicates; the
 * {@link RoutingRules.Rule} constructor runs the same checks with both answering yes.
 */
public final class RuleValidation {

    /** The ticket sources a rule may name: where tickets come from (see the ticket service's intake). */
    public static final Set<String> SOURCES = Set.copyOf(List.of("api", "pagerduty", "alertmanager", "incident",
            "kafka"));

    private static final String KNOWN_SOURCES = "api, pagerduty, alertmanager, incident, kafka";
    private static final int MAX_NAME_LENGTH = 100;

    private RuleValidation() {
    }

    /** Problems of one rule on its own (names of other rules are not looked at). */
    public static List<FieldError> problems(RuleDraft draft, Predicate<String> teamExists,
                                            Predicate<String> policyExists) {
        return problems(draft, List.of(), teamExists, policyExists);
    }

    /**
     * Problems of one rule joining (or replacing one of) the rules named {@code otherRuleNames}: as well as the rule's
     * own problems, its name must not be taken by another rule.
     */
    public static List<FieldError> problems(RuleDraft draft, Collection<String> otherRuleNames,
                                            Predicate<String> teamExists, Predicate<String> policyExists) {
        Objects.requireNonNull(draft, "draft");
        List<FieldError> errors = new ArrayList<>();
        String name = draft.name();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (RoutingRules.DEFAULT_RULE.equals(name)) {
            errors.add(new FieldError("name", "'" + RoutingRules.DEFAULT_RULE
                    + "' is reserved for the default routing"));
        } else if (otherRuleNames.contains(name)) {
            errors.add(new FieldError("name", "another rule is already named '" + name + "'"));
        }
        conditionProblems(draft.conditions() == null ? Conditions.ANY : draft.conditions(), errors);
        actionProblems(draft.action() == null ? new Action(null, null, null, null) : draft.action(), teamExists,
                policyExists, errors);
        return List.copyOf(errors);
    }

    /**
     * Problems of a whole ordered rule set, as one API request replacing all rules would send it: every rule's own
     * problems under {@code rules[i].}, and every rule after the first that reuses a name.
     */
    public static List<FieldError> problems(List<RuleDraft> ruleSet, Predicate<String> teamExists,
                                            Predicate<String> policyExists) {
        Objects.requireNonNull(ruleSet, "ruleSet");
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < ruleSet.size(); i++) {
            String prefix = "rules[" + i + "].";
            RuleDraft draft = ruleSet.get(i);
            if (draft == null) {
                errors.add(new FieldError("rules[" + i + "]", "must not be null"));
                continue;
            }
            for (FieldError error : problems(draft, teamExists, policyExists)) {
                errors.add(new FieldError(prefix + error.field(), error.message()));
            }
            String name = draft.name();
            if (name != null && !name.isBlank()) {
                Integer first = firstByName.putIfAbsent(name, i);
                if (first != null) {
                    errors.add(new FieldError(prefix + "name", "duplicates the name of rules[" + first + "] ('"
                            + name + "')"));
                }
            }
        }
        return List.copyOf(errors);
    }

    private static void conditionProblems(Conditions conditions, List<FieldError> errors) {
        noBlanks("conditions.components", "components", conditions.components(), errors);
        noBlanks("conditions.tagsAnyOf", "tags", conditions.tagsAnyOf(), errors);
        noBlanks("conditions.tagsAllOf", "tags", conditions.tagsAllOf(), errors);
        noBlanks("conditions.sources", "sources", conditions.sources(), errors);
        Set<String> unknown = new LinkedHashSet<>();
        for (String source : conditions.sources()) {
            if (source != null && !source.isBlank() && !SOURCES.contains(source.strip().toLowerCase(Locale.ROOT))) {
                unknown.add(source);
            }
        }
        for (String source : unknown) {
            errors.add(new FieldError("conditions.sources", "unknown source '" + source + "' (known: "
                    + KNOWN_SOURCES + ")"));
        }
        TextCondition text = conditions.text();
        if (text == null) {
            return;
        }
        if (text.mode() == null) {
            errors.add(new FieldError("conditions.text.mode", "is required: CONTAINS, REGEX or REGEX_IGNORE_CASE"));
        }
        String value = text.value();
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError("conditions.text.value", "must not be empty"));
        } else if (value.length() > RoutingRules.MAX_PATTERN_LENGTH) {
            errors.add(new FieldError("conditions.text.value", "must be at most " + RoutingRules.MAX_PATTERN_LENGTH
                    + " characters (it has " + value.length() + ")"));
        } else if (text.mode() == TextCondition.Mode.REGEX || text.mode() == TextCondition.Mode.REGEX_IGNORE_CASE) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                errors.add(new FieldError("conditions.text.value", "is not a valid regular expression: "
                        + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")));
            }
        }
    }

    private static void actionProblems(Action action, Predicate<String> teamExists, Predicate<String> policyExists,
                                       List<FieldError> errors) {
        if (action.tier() == null) {
            errors.add(new FieldError("action.tier", "is required"));
        }
        String team = action.team();
        if (team == null || team.isBlank()) {
            errors.add(new FieldError("action.team", "is required"));
        } else if (!teamExists.test(team)) {
            errors.add(new FieldError("action.team", "no team named '" + team + "'"));
        }
        String policy = action.escalationPolicyId();
        if (policy != null) {
            if (policy.isBlank()) {
                errors.add(new FieldError("action.escalationPolicyId", "must not be blank; leave it out for none"));
            } else if (!policyExists.test(policy)) {
                errors.add(new FieldError("action.escalationPolicyId", "no escalation policy '" + policy + "'"));
            }
        }
    }

    private static void noBlanks(String field, String what, Set<String> values, List<FieldError> errors) {
        if (values.stream().anyMatch(value -> value == null || value.isBlank())) {
            errors.add(new FieldError(field, what + " must not be blank"));
        }
    }
}
