package io.tierline.escalation.routing;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.escalation.routing.RoutingRules.Action;
import io.tierline.escalation.routing.RoutingRules.Conditions;
import io.tierline.escalation.routing.RoutingRules.Decision;
import io.tierline.escalation.routing.RoutingRules.Rule;
import io.tierline.escalation.routing.RoutingRules.RuleEvaluation;
import io.tierline.escalation.routing.RoutingRules.TextCondition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The laws of first-match routing, checked over many generated rule sets and tickets. This module's test classpath
 * has no jqwik, so generation is a seeded {@link Random}: every run checks the same cases, and a failure names the
 * seed and case that broke the law.
 */
class RoutingRulesPropertiesTest {

    private static final long SEED = 20_240_611L;
    private static final int CASES = 2_000;
    private static final List<UUID> CUSTOMERS = List.of(UUID.fromString("00000000-0000-0000-0000-000000000001"),
            UUID.fromString("00000000-0000-0000-0000-000000000002"));
    private static final List<String> COMPONENTS = List.of("database", "Network", "billing");
    private static final List<String> TAGS = List.of("db", "prod", "EU", "network");
    private static final List<String> SOURCES = List.of("api", "pagerduty", "alertmanager", "incident", "kafka");
    private static final List<String> WORDS = List.of("timeout", "db", "Checkout", "disk", "full");
    private static final List<TextCondition> TEXTS = List.of(TextCondition.contains("timeout"),
            TextCondition.regex("time.*db"), TextCondition.regexIgnoringCase("^checkout"),
            TextCondition.contains("DISK FULL"), TextCondition.regex("\\bdb\\b"));

    private final Random random = new Random(SEED);

    @Test
    void shouldDecideByTheFirstRuleWhoseEvaluationMatched() {
        forEachCase((rules, ticket, decision) -> {
            List<RuleEvaluation> evaluations = decision.evaluations();
            RuleEvaluation firstMatch = evaluations.stream().filter(RuleEvaluation::matched).findFirst().orElse(null);
            if (firstMatch == null) {
                assertThat(decision.defaulted()).isTrue();
                assertThat(decision.rule()).isEqualTo(RoutingRules.DEFAULT_RULE);
                assertThat(decision.tier()).isEqualTo(rules.defaultTier());
                assertThat(decision.team()).isEqualTo(rules.defaultTeam());
                assertThat(evaluations).hasSameSizeAs(rules.rules());
            } else {
                Rule rule = rules.rules().get(firstMatch.position() - 1);
                assertThat(decision.defaulted()).isFalse();
                assertThat(decision.rule()).isEqualTo(rule.name()).isEqualTo(firstMatch.rule());
                assertThat(decision.tier()).isEqualTo(rule.action().tier());
                assertThat(decision.team()).isEqualTo(rule.action().team());
                assertThat(decision.escalationPolicyId()).isEqualTo(rule.action().escalationPolicyId());
                assertThat(decision.runbookArticleId()).isEqualTo(rule.action().runbookArticleId());
            }
        });
    }

    @Test
    void shouldEndTheEvaluationsAtTheDecidingRuleWithAReasonForEachEarlierMiss() {
        forEachCase((rules, ticket, decision) -> {
            List<RuleEvaluation> evaluations = decision.evaluations();
            for (int i = 0; i < evaluations.size(); i++) {
                RuleEvaluation evaluation = evaluations.get(i);
                assertThat(evaluation.position()).isEqualTo(i + 1);
                assertThat(evaluation.rule()).isEqualTo(rules.rules().get(i).name());
                assertThat(evaluation.reasons()).as("reasons of %s", evaluation.rule()).isNotEmpty();
                boolean last = i == evaluations.size() - 1;
                assertThat(evaluation.matched()).isEqualTo(last && !decision.defaulted());
            }
        });
    }

    @Test
    void shouldMatchEveryTicketWithARuleWithoutConditions() {
        for (int i = 0; i < CASES; i++) {
            TicketFacts ticket = ticket();
            List<Rule> list = new ArrayList<>(rules(random.nextInt(4)));
            list.add(random.nextInt(list.size() + 1), new Rule("catch-all", Conditions.ANY,
                    Action.routeTo(Tier.L3, "engineering")));
            RoutingRules rules = new RoutingRules(list, Tier.L1, "frontline");

            Decision decision = rules.decide(ticket);
            RuleEvaluation catchAll = decision.evaluations().stream()
                    .filter(e -> e.rule().equals("catch-all")).findFirst().orElse(null);

            assertThat(decision.defaulted()).as("case %d: %s", i, ticket).isFalse();
            if (catchAll != null) {
                assertThat(catchAll.matched()).isTrue();
                assertThat(catchAll.reasons()).containsExactly("no conditions: matches every ticket");
            }
        }
    }

    @Test
    void shouldNotChangeARulesDecisionByAddingARuleAtTheEnd() {
        forEachCase((rules, ticket, decision) -> {
            List<Rule> longer = new ArrayList<>(rules.rules());
            longer.add(new Rule("appended", conditions(), Action.routeTo(Tier.L3, "engineering")));
            Decision after = new RoutingRules(longer, rules.defaultTier(), rules.defaultTeam()).decide(ticket);

            if (!decision.defaulted()) {
                assertThat(after).isEqualTo(decision);
            } else {
                assertThat(after.evaluations().subList(0, decision.evaluations().size()))
                        .isEqualTo(decision.evaluations());
                assertThat(after.evaluations()).hasSize(decision.evaluations().size() + 1);
            }
        });
    }

    private interface Law {
        void check(RoutingRules rules, TicketFacts ticket, Decision decision);
    }

    /** Checks the law on every generated case, and that the cases are varied enough for the check to mean much. */
    private void forEachCase(Law law) {
        int decidedByARule = 0;
        int decidedAfterAMiss = 0;
        int defaulted = 0;
        for (int i = 0; i < CASES; i++) {
            RoutingRules rules = new RoutingRules(rules(random.nextInt(6)), Tier.L1, "frontline");
            TicketFacts ticket = ticket();
            Decision decision = rules.decide(ticket);
            if (decision.defaulted()) {
                defaulted++;
            } else {
                decidedByARule++;
                decidedAfterAMiss += decision.evaluations().size() > 1 ? 1 : 0;
            }
            try {
                law.check(rules, ticket, decision);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + SEED + ", case " + i + ": " + ticket + " against "
                        + rules.rules() + ": " + e.getMessage(), e);
            }
        }
        assertThat(decidedByARule).as("cases a rule decided").isGreaterThan(CASES / 10);
        assertThat(decidedAfterAMiss).as("cases a rule decided after an earlier miss").isGreaterThan(CASES / 20);
        assertThat(defaulted).as("cases that fell to the default").isGreaterThan(CASES / 10);
    }

    private List<Rule> rules(int count) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Action action = new Action(pick(List.of(Tier.values())), pick(List.of("core", "dba", "platform")),
                    random.nextBoolean() ? "policy-" + i : null, random.nextBoolean() ? UUID.randomUUID() : null);
            rules.add(new Rule("rule-" + i, conditions(), action));
        }
        return rules;
    }

    /** Conditions with each kind present about a third of the time, so rules both match and miss. */
    private Conditions conditions() {
        Conditions conditions = Conditions.ANY;
        if (sometimes()) {
            conditions = conditions.withSeverities(some(List.of(Severity.values())));
        }
        if (sometimes()) {
            conditions = conditions.withPlans(some(List.of(Plan.values())));
        }
        if (sometimes()) {
            conditions = conditions.withCustomers(some(CUSTOMERS).toArray(UUID[]::new));
        }
        if (sometimes()) {
            conditions = conditions.withComponents(some(COMPONENTS).toArray(String[]::new));
        }
        if (sometimes()) {
            conditions = conditions.withTagsAnyOf(some(TAGS).toArray(String[]::new));
        }
        if (sometimes()) {
            conditions = conditions.withTagsAllOf(some(TAGS).toArray(String[]::new));
        }
        if (sometimes()) {
            conditions = conditions.withSources(some(SOURCES).toArray(String[]::new));
        }
        if (sometimes()) {
            conditions = conditions.withText(pick(TEXTS));
        }
        return conditions;
    }

    private TicketFacts ticket() {
        return new TicketFacts(maybe(List.of(Severity.values())), maybe(List.of(Plan.values())), maybe(CUSTOMERS),
                maybe(List.of("DATABASE", "network", "search")), new LinkedHashSet<>(anyNumberOf(TAGS)),
                maybe(SOURCES), maybe(WORDS) + " " + maybe(WORDS), maybe(WORDS));
    }

    private boolean sometimes() {
        return random.nextInt(3) == 0;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One of the values, or null a fifth of the time: facts may be missing. */
    private <T> T maybe(List<T> values) {
        return random.nextInt(5) == 0 ? null : pick(values);
    }

    /** A non-empty subset, in a random order. */
    private <T> List<T> some(List<T> values) {
        List<T> subset = anyNumberOf(values);
        return subset.isEmpty() ? List.of(pick(values)) : subset;
    }

    private <T> List<T> anyNumberOf(List<T> values) {
        List<T> shuffled = new ArrayList<>(values);
        java.util.Collections.shuffle(shuffled, random);
        return new ArrayList<>(shuffled.subList(0, random.nextInt(values.size() + 1)));
    }

}
