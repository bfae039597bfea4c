package io.tierline.escalation.routing;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which tier and team a ticket goes to. Rules are tried in order and the first one whose every condition
 * holds decides; a ticket no rule matches goes to the default tier and team. Every decision carries its
 * explanation: why the deciding rule matched and why each earlier rule did not.
 */
public final class RoutingRules {

    /** The rule name a decision carries when no configured rule matched. */
    public static final String DEFAULT_RULE = "default";

    /**
     * One routing rule. An empty condition set means "any": a rule with no severities matches every severity.
     */
    public record Rule(String name, Set<Severity> severities, Set<Plan> plans, Tier tier, String team) {

        public Rule {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a routing rule needs a name");
            }
            if (tier == null) {
                throw new IllegalArgumentException("routing rule '" + name + "' needs a tier");
            }
            if (team == null || team.isBlank()) {
                throw new IllegalArgumentException("routing rule '" + name + "' needs a team");
            }
            severities = ordered(severities);
            plans = ordered(plans);
        }

        /** Checks the rule against a ticket: matched when every condition holds. */
        RuleEvaluation evaluate(int position, Severity severity, Plan plan) {
            List<String> held = new ArrayList<>(2);
            List<String> failed = new ArrayList<>(2);
            check("severity", severity, severities, held, failed);
            check("plan", plan, plans, held, failed);
            boolean matched = failed.isEmpty();
            if (matched && severities.isEmpty() && plans.isEmpty()) {
                held = List.of("no conditions: matches every ticket");
            }
            return new RuleEvaluation(position, name, matched, List.copyOf(matched ? held : failed));
        }

        private static <E extends Enum<E>> void check(String field, E actual, Set<E> allowed, List<String> held,
                                                      List<String> failed) {
            if (allowed.isEmpty()) {
                return;
            }
            if (actual != null && allowed.contains(actual)) {
                held.add(field + " " + actual + " is one of " + names(allowed));
            } else {
                failed.add(field + " " + (actual == null ? "(none)" : actual) + " is not one of " + names(allowed));
            }
        }

        private static <E extends Enum<E>> Set<E> ordered(Collection<E> values) {
            // enum order, so listings and explanations read the same whatever order the configuration used
            return values == null || values.isEmpty()
                    ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(values));
        }
    }

    /**
     * How one rule fared: {@code reasons} are the conditions that held when it matched, the ones that failed when
     * it did not. {@code position} counts from 1.
     */
    public record RuleEvaluation(int position, String rule, boolean matched, List<String> reasons) {
    }

    /**
     * The routing of one ticket. {@code rule} is the deciding rule's name, or {@link #DEFAULT_RULE};
     * {@code evaluations} lists the rules tried, in order, ending with the one that matched (if any).
     */
    public record Decision(Tier tier, String team, String rule, boolean defaulted, List<RuleEvaluation> evaluations,
                           String explanation) {
    }

    private final List<Rule> rules;
    private final Tier defaultTier;
    private final String defaultTeam;
    private final Map<Tier, String> tierTeams;

    public RoutingRules(List<Rule> rules, Tier defaultTier, String defaultTeam) {
        this(rules, defaultTier, defaultTeam, Map.of());
    }

    /** @param tierTeams the team a ticket handed up to a tier goes to, where it is not the rules' team for it */
    public RoutingRules(List<Rule> rules, Tier defaultTier, String defaultTeam, Map<Tier, String> tierTeams) {
        Objects.requireNonNull(rules, "rules");
        if (defaultTier == null) {
            throw new IllegalArgumentException("routing needs a default tier");
        }
        if (defaultTeam == null || defaultTeam.isBlank()) {
            throw new IllegalArgumentException("routing needs a default team");
        }
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            if (DEFAULT_RULE.equals(rule.name())) {
                throw new IllegalArgumentException("'" + DEFAULT_RULE + "' is reserved for the default routing");
            }
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("two routing rules are named '" + rule.name() + "'");
            }
        }
        tierTeams.forEach((tier, team) -> {
            if (team == null || team.isBlank()) {
                throw new IllegalArgumentException("the team for tier " + tier + " is blank");
            }
        });
        this.rules = List.copyOf(rules);
        this.defaultTier = defaultTier;
        this.defaultTeam = defaultTeam;
        this.tierTeams = Map.copyOf(tierTeams);
    }

    /**
     * The team a ticket handed up to {@code tier} goes to: the one configured for the tier, else the team of the first
     * rule routing to it, else the default team when it is the default tier; empty when nothing names one.
     */
    public Optional<String> teamFor(Tier tier) {
        if (tierTeams.containsKey(tier)) {
            return Optional.of(tierTeams.get(tier));
        }
        for (Rule rule : rules) {
            if (rule.tier() == tier) {
                return Optional.of(rule.team());
            }
        }
        return tier == defaultTier ? Optional.of(defaultTeam) : Optional.empty();
    }

    /** The rules in the order they are tried. */
    public List<Rule> rules() {
        return rules;
    }

    public Tier defaultTier() {
        return defaultTier;
    }

    public String defaultTeam() {
        return defaultTeam;
    }

    /** Every team a ticket can be routed or handed up to: the rules' teams in rule order, the default team, the tiers' teams. */
    public Set<String> teams() {
        Set<String> teams = new LinkedHashSet<>();
        rules.forEach(rule -> teams.add(rule.team()));
        teams.add(defaultTeam);
        teams.addAll(new java.util.TreeMap<>(tierTeams).values());
        return Collections.unmodifiableSet(teams);
    }

    /** Routes a ticket of this severity and plan. */
    public Decision decide(Severity severity, Plan plan) {
        List<RuleEvaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            RuleEvaluation evaluation = rule.evaluate(i + 1, severity, plan);
            evaluations.add(evaluation);
            if (evaluation.matched()) {
                String explanation = "Rule '" + rule.name() + "' (#" + (i + 1) + ") matched: "
                        + String.join("; ", evaluation.reasons()) + skipped(evaluations)
                        + ". Routed to " + rule.tier() + ", team " + rule.team() + ".";
                return new Decision(rule.tier(), rule.team(), rule.name(), false, List.copyOf(evaluations),
                        explanation);
            }
        }
        String explanation = (rules.isEmpty() ? "No routing rules are configured" : "No rule matched")
                + skipped(evaluations) + ". Routed to the default " + defaultTier + ", team " + defaultTeam + ".";
        return new Decision(defaultTier, defaultTeam, DEFAULT_RULE, true, List.copyOf(evaluations), explanation);
    }

    private static String skipped(List<RuleEvaluation> evaluations) {
        String misses = evaluations.stream()
                .filter(e -> !e.matched())
                .map(e -> "'" + e.rule() + "' did not match (" + String.join("; ", e.reasons()) + ")")
                .collect(Collectors.joining(", "));
        return misses.isEmpty() ? "" : " [" + misses + "]";
    }

    private static String names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
