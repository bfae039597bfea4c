package io.tierline.escalation.routing;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decides which tier and team a ticket goes to. Rules are tried in order and the first one whose every condition
 * holds decides; a ticket no rule matches goes to the default tier and team. Every decision carries its
 * explanation: why the deciding rule matched and why each earlier rule did not.
 *
 * <p>Rules are plain data ({@link Rule} = name + {@link Conditions} + {@link Action}) so that they can come from
 * configuration, a database or an API alike; {@link RuleValidation} says what is wrong with a submitted one. A rule
 * set is immutable: editing rules means building a new {@code RoutingRules}, which is also when text patterns are
 * compiled, once, rather than on every ticket.
 */
public final class RoutingRules {

    /** The rule name a decision carries when no configured rule matched. */
    public static final String DEFAULT_RULE = "default";

    /** Longest text value (substring or regular expression) a rule may carry: long patterns are where regex cost hides. */
    public static final int MAX_PATTERN_LENGTH = 500;

    /** How much of a ticket's title and description text conditions look at; see {@link TicketFacts#text()}. */
    public static final int MAX_TEXT_LENGTH = 10_000;

    /**
     * The conditions a rule puts on a ticket. Every condition is optional: an empty set (or a null text) means the
     * rule does not care about that field. All present conditions must hold.
     *
     * <p>Components, tags and sources compare without regard to case, since people type them by hand on both sides.
     * Sets keep the order they were given in (enums in declaration order), so explanations read the way the rule
     * was written. Null entries of enum and UUID sets mean nothing and are dropped; string entries are kept as given
     * so that {@link RuleValidation} can point at a blank one.
     *
     * @param tagsAnyOf the ticket must carry at least one of these tags
     * @param tagsAllOf the ticket must carry every one of these tags
     */
    public record Conditions(Set<Severity> severities, Set<Plan> plans, Set<UUID> customers, Set<String> components,
                             Set<String> tagsAnyOf, Set<String> tagsAllOf, Set<String> sources, TextCondition text) {

        /** No conditions: matches every ticket. */
        public static final Conditions ANY = new Conditions(null, null, null, null, null, null, null, null);

        public Conditions {
            severities = enumOrdered(severities, Severity.class);
            plans = enumOrdered(plans, Plan.class);
            customers = inOrder(customers, false);
            components = inOrder(components, true);
            tagsAnyOf = inOrder(tagsAnyOf, true);
            tagsAllOf = inOrder(tagsAllOf, true);
            sources = inOrder(sources, true);
        }

        /** What configuration-based rules can say: severities and plans only; null or empty means any. */
        public static Conditions of(Collection<Severity> severities, Collection<Plan> plans) {
            return ANY.withSeverities(severities).withPlans(plans);
        }

        /** True when the rule matches every ticket. */
        public boolean isEmpty() {
            return severities.isEmpty() && plans.isEmpty() && customers.isEmpty() && components.isEmpty()
                    && tagsAnyOf.isEmpty() && tagsAllOf.isEmpty() && sources.isEmpty() && text == null;
        }

        public Conditions withSeverities(Severity... values) {
            return withSeverities(Arrays.asList(values));
        }

        public Conditions withSeverities(Collection<Severity> values) {
            return new Conditions(asSet(values), plans, customers, components, tagsAnyOf, tagsAllOf, sources, text);
        }

        public Conditions withPlans(Plan... values) {
            return withPlans(Arrays.asList(values));
        }

        public Conditions withPlans(Collection<Plan> values) {
            return new Conditions(severities, asSet(values), customers, components, tagsAnyOf, tagsAllOf, sources,
                    text);
        }

        public Conditions withCustomers(UUID... values) {
            return new Conditions(severities, plans, asSet(Arrays.asList(values)), components, tagsAnyOf, tagsAllOf,
                    sources, text);
        }

        public Conditions withComponents(String... values) {
            return new Conditions(severities, plans, customers, asSet(Arrays.asList(values)), tagsAnyOf, tagsAllOf,
                    sources, text);
        }

        public Conditions withTagsAnyOf(String... values) {
            return new Conditions(severities, plans, customers, components, asSet(Arrays.asList(values)), tagsAllOf,
                    sources, text);
        }

        public Conditions withTagsAllOf(String... values) {
            return new Conditions(severities, plans, customers, components, tagsAnyOf, asSet(Arrays.asList(values)),
                    sources, text);
        }

        public Conditions withSources(String... values) {
            return new Conditions(severities, plans, customers, components, tagsAnyOf, tagsAllOf,
                    asSet(Arrays.asList(values)), text);
        }

        public Conditions withText(TextCondition value) {
            return new Conditions(severities, plans, customers, components, tagsAnyOf, tagsAllOf, sources, value);
        }

        private static <E> Set<E> asSet(Collection<E> values) {
            return values == null ? null : new LinkedHashSet<>(values);
        }

        private static <E extends Enum<E>> Set<E> enumOrdered(Collection<E> values, Class<E> type) {
            // enum order, so listings and explanations read the same whatever order the configuration used
            EnumSet<E> set = EnumSet.noneOf(type);
            if (values != null) {
                values.stream().filter(Objects::nonNull).forEach(set::add);
            }
            return set.isEmpty() ? Set.of() : Collections.unmodifiableSet(set);
        }

        private static <E> Set<E> inOrder(Collection<E> values, boolean keepNulls) {
            if (values == null || values.isEmpty()) {
                return Set.of();
            }
            Set<E> set = new LinkedHashSet<>();
            values.stream().filter(value -> keepNulls || value != null).forEach(set::add);
            return Collections.unmodifiableSet(set);
        }
    }

    /**
     * A condition on a ticket's title and description (see {@link TicketFacts#text()}).
     * {@link Mode#CONTAINS} looks for {@code value} as a substring ignoring case; {@link Mode#REGEX} and
     * {@link Mode#REGEX_IGNORE_CASE} look for a match of the Java regular expression anywhere in the text
     * ({@link java.util.regex.Matcher#find()}), the latter ignoring case. Inline flags such as {@code (?i)} work too.
     * Plain Java semantics throughout, so a pattern tested elsewhere behaves the same here: in particular {@code .}
     * does not cross the line break between title and description unless the pattern starts with {@code (?s)}.
     */
    public record TextCondition(Mode mode, String value) {

        public enum Mode {
            CONTAINS, REGEX, REGEX_IGNORE_CASE
        }

        public static TextCondition contains(String value) {
            return new TextCondition(Mode.CONTAINS, value);
        }

        public static TextCondition regex(String value) {
            return new TextCondition(Mode.REGEX, value);
        }

        public static TextCondition regexIgnoringCase(String value) {
            return new TextCondition(Mode.REGEX_IGNORE_CASE, value);
        }

        /** How explanations show the condition: {@code "timeout"} or {@code /timeout.*db/} ({@code /…/i} ignoring case). */
        public String shown() {
            if (mode == Mode.CONTAINS) {
                return "\"" + value + "\"";
            }
            return "/" + value + "/" + (mode == Mode.REGEX_IGNORE_CASE ? "i" : "");
        }
    }

    /**
     * Where a matching ticket goes. {@code tier} and {@code team} are required (see {@link RuleValidation});
     * {@code escalationPolicyId} (the policy that pages onward if nobody acknowledges) and {@code runbookArticleId}
     * (a knowledge-base article to link on the ticket) are optional, null when absent.
     */
    public record Action(Tier tier, String team, String escalationPolicyId, UUID runbookArticleId) {

        public static Action routeTo(Tier tier, String team) {
            return new Action(tier, team, null, null);
        }

        public Action withEscalationPolicy(String id) {
            return new Action(tier, team, id, runbookArticleId);
        }

        public Action withRunbookArticle(UUID id) {
            return new Action(tier, team, escalationPolicyId, id);
        }
    }

    /**
     * A rule as someone submitted it, before it is known to be valid: any part may be missing or wrong. It exists
     * so that an API can hold what a client sent, list everything wrong with it at once
     * ({@link RuleValidation#problems(RuleDraft, java.util.function.Predicate, java.util.function.Predicate)}) and
     * only then build a {@link Rule}, which refuses to exist in an invalid state.
     */
    public record RuleDraft(String name, Conditions conditions, Action action) {

        /** @throws IllegalArgumentException when the draft is not a valid rule (see {@link Rule}) */
        public Rule toRule() {
            return new Rule(name, conditions, action);
        }
    }

    /**
     * One routing rule. Valid by construction, so a rule set built from configuration or a database fails at startup
     * or on save rather than on the first ticket it would have mis-routed. Existence of the team and escalation
     * policy is not checked here: that needs the outside world, see {@link RuleValidation}.
     *
     * @param conditions null reads as {@link Conditions#ANY}
     */
    public record Rule(String name, Conditions conditions, Action action) {

        public Rule {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a routing rule needs a name");
            }
            if (action == null || action.tier() == null) {
                throw new IllegalArgumentException("routing rule '" + name + "' needs a tier");
            }
            if (action.team() == null || action.team().isBlank()) {
                throw new IllegalArgumentException("routing rule '" + name + "' needs a team");
            }
            conditions = conditions == null ? Conditions.ANY : conditions;
            List<FieldError> problems = RuleValidation.problems(new RuleDraft(name, conditions, action),
                    team -> true, policy -> true);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("routing rule '" + name + "' is invalid: " + problems.stream()
                        .map(problem -> problem.field() + " " + problem.message())
                        .collect(Collectors.joining("; ")));
            }
        }

        /** A rule on severity and plan only, as configuration writes them; null or empty sets mean any. */
        public static Rule of(String name, Collection<Severity> severities, Collection<Plan> plans, Tier tier,
                              String team) {
            return new Rule(name, Conditions.of(severities, plans), Action.routeTo(tier, team));
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
     * {@code escalationPolicyId} and {@code runbookArticleId} come from the deciding rule's action and are null when
     * it names none (always, for the default routing).
     */
    public record Decision(Tier tier, String team, String rule, boolean defaulted, String escalationPolicyId,
                           UUID runbookArticleId, List<RuleEvaluation> evaluations, String explanation) {
    }

    private final List<Rule> rules;
    private final List<RuleMatcher> matchers;
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
        this.matchers = this.rules.stream().map(RuleMatcher::new).toList();
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
            if (rule.action().tier() == tier) {
                return Optional.of(rule.action().team());
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
        rules.forEach(rule -> teams.add(rule.action().team()));
        teams.add(defaultTeam);
        teams.addAll(new TreeMap<>(tierTeams).values());
        return Collections.unmodifiableSet(teams);
    }

    /** Routes a ticket known only by severity and plan (the facts configuration-based rules look at). */
    public Decision decide(Severity severity, Plan plan) {
        return decide(TicketFacts.of(severity, plan));
    }

    /** Routes a ticket: the first rule whose every condition holds decides, else the default tier and team. */
    public Decision decide(TicketFacts ticket) {
        Objects.requireNonNull(ticket, "ticket");
        List<RuleEvaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            RuleEvaluation evaluation = matchers.get(i).evaluate(i + 1, ticket);
            evaluations.add(evaluation);
            if (evaluation.matched()) {
                Rule rule = rules.get(i);
                Action action = rule.action();
                String explanation = "Rule '" + rule.name() + "' (#" + (i + 1) + ") matched: "
                        + String.join("; ", evaluation.reasons()) + skipped(evaluations)
                        + ". Routed to " + action.tier() + ", team " + action.team() + extras(action) + ".";
                return new Decision(action.tier(), action.team(), rule.name(), false, action.escalationPolicyId(),
                        action.runbookArticleId(), List.copyOf(evaluations), explanation);
            }
        }
        String explanation = (rules.isEmpty() ? "No routing rules are configured" : "No rule matched")
                + skipped(evaluations) + ". Routed to the default " + defaultTier + ", team " + defaultTeam + ".";
        return new Decision(defaultTier, defaultTeam, DEFAULT_RULE, true, null, null, List.copyOf(evaluations),
                explanation);
    }

    private static String extras(Action action) {
        return (action.escalationPolicyId() == null ? "" : ", escalation policy " + action.escalationPolicyId())
                + (action.runbookArticleId() == null ? "" : ", runbook article " + action.runbookArticleId());
    }

    private static String skipped(List<RuleEvaluation> evaluations) {
        String misses = evaluations.stream()
                .filter(e -> !e.matched())
                .map(e -> "'" + e.rule() + "' did not match (" + String.join("; ", e.reasons()) + ")")
                .collect(Collectors.joining(", "));
        return misses.isEmpty() ? "" : " [" + misses + "]";
    }

    /**
     * A rule made ready for evaluation: its case-insensitive sets folded and its text condition compiled, once, when
     * the rule set is built, so routing a ticket does no more than compare.
     */
    private static final class RuleMatcher {

        private final Rule rule;
        private final Conditions conditions;
        private final Set<String> components;
        private final Set<String> tagsAnyOf;
        private final Set<String> tagsAllOf;
        private final Set<String> sources;
        private final TextMatcher text;

        RuleMatcher(Rule rule) {
            this.rule = rule;
            this.conditions = rule.conditions();
            this.components = folded(conditions.components());
            this.tagsAnyOf = folded(conditions.tagsAnyOf());
            this.tagsAllOf = folded(conditions.tagsAllOf());
            this.sources = folded(conditions.sources());
            this.text = conditions.text() == null ? null : TextMatcher.compile(conditions.text());
        }

        /** Checks the rule against a ticket: matched when every condition holds. */
        RuleEvaluation evaluate(int position, TicketFacts ticket) {
            List<String> held = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            oneOf("severity", ticket.severity(), conditions.severities(), held, failed);
            oneOf("plan", ticket.plan(), conditions.plans(), held, failed);
            oneOf("customer", ticket.customerId(), conditions.customers(), held, failed);
            oneOfIgnoringCase("component", ticket.component(), components, conditions.components(), held, failed);
            oneOfIgnoringCase("source", ticket.source(), sources, conditions.sources(), held, failed);
            Set<String> tags = folded(ticket.tags());
            if (!tagsAnyOf.isEmpty()) {
                List<String> hits = ticket.tags().stream().filter(tag -> tagsAnyOf.contains(fold(tag))).toList();
                if (hits.isEmpty()) {
                    failed.add("tags " + list(ticket.tags()) + " include none of " + list(conditions.tagsAnyOf()));
                } else {
                    held.add("tags " + list(ticket.tags()) + " include " + list(hits) + " of "
                            + list(conditions.tagsAnyOf()));
                }
            }
            if (!tagsAllOf.isEmpty()) {
                List<String> missing = conditions.tagsAllOf().stream().filter(tag -> !tags.contains(fold(tag)))
                        .toList();
                if (missing.isEmpty()) {
                    held.add("tags " + list(ticket.tags()) + " include all of " + list(conditions.tagsAllOf()));
                } else {
                    failed.add("tags " + list(ticket.tags()) + " do not include all of "
                            + list(conditions.tagsAllOf()) + ": missing " + list(missing));
                }
            }
            if (text != null) {
                switch (text.test(ticket.text())) {
                    case MATCHED -> held.add("text " + text.verb(true) + " " + text.shown());
                    case NOT_MATCHED -> failed.add("text " + text.verb(false) + " " + text.shown());
                    case GAVE_UP -> failed.add("text gave up matching " + text.shown() + " after "
                            + text.budget() + " steps; taken as no match");
                }
            }
            boolean matched = failed.isEmpty();
            if (matched && conditions.isEmpty()) {
                held = List.of("no conditions: matches every ticket");
            }
            return new RuleEvaluation(position, rule.name(), matched, List.copyOf(matched ? held : failed));
        }

        private static <E> void oneOf(String field, E actual, Set<E> allowed, List<String> held,
                                      List<String> failed) {
            if (allowed.isEmpty()) {
                return;
            }
            if (actual != null && allowed.contains(actual)) {
                held.add(field + " " + actual + " is one of " + list(allowed));
            } else {
                failed.add(field + " " + (actual == null ? "(none)" : actual) + " is not one of " + list(allowed));
            }
        }

        private static void oneOfIgnoringCase(String field, String actual, Set<String> folded, Set<String> allowed,
                                              List<String> held, List<String> failed) {
            if (allowed.isEmpty()) {
                return;
            }
            boolean present = actual != null && !actual.isBlank();
            if (present && folded.contains(fold(actual))) {
                held.add(field + " " + actual + " is one of " + list(allowed));
            } else {
                failed.add(field + " " + (present ? actual : "(none)") + " is not one of " + list(allowed));
            }
        }

        private static Set<String> folded(Collection<String> values) {
            return values.stream().map(RuleMatcher::fold).collect(Collectors.toUnmodifiableSet());
        }

        private static String fold(String value) {
            return value.strip().toLowerCase(Locale.ROOT);
        }

        private static String list(Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
