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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of condition, matching and missing, with the reason it gives. */
class RuleConditionsTest {

    private static final UUID ACME = UUID.fromString("00000000-0000-0000-0000-000000000ace");
    private static final UUID GLOBEX = UUID.fromString("00000000-0000-0000-0000-000000000b0b");

    private static TicketFacts ticket() {
        return new TicketFacts(Severity.SEV2, Plan.BUSINESS, ACME, "Database", Set.of("db"), "pagerduty",
                "Checkout timeout", "The db pool is exhausted");
    }

    private static TicketFacts withTags(String... tags) {
        TicketFacts t = ticket();
        return new TicketFacts(t.severity(), t.plan(), t.customerId(), t.component(), new java.util.LinkedHashSet<>(
                List.of(tags)), t.source(), t.title(), t.description());
    }

    /** The single evaluation of a one-rule set. */
    private static RuleEvaluation evaluate(Conditions conditions, TicketFacts ticket) {
        Decision decision = new RoutingRules(List.of(new Rule("r", conditions, Action.routeTo(Tier.L2, "core"))),
                Tier.L1, "frontline").decide(ticket);
        assertThat(decision.evaluations()).hasSize(1);
        RuleEvaluation evaluation = decision.evaluations().get(0);
        assertThat(decision.defaulted()).isEqualTo(!evaluation.matched());
        return evaluation;
    }

    private static void assertMatched(Conditions conditions, TicketFacts ticket, String... reasons) {
        RuleEvaluation evaluation = evaluate(conditions, ticket);
        assertThat(evaluation.matched()).as("matched").isTrue();
        assertThat(evaluation.reasons()).containsExactly(reasons);
    }

    private static void assertMissed(Conditions conditions, TicketFacts ticket, String... reasons) {
        RuleEvaluation evaluation = evaluate(conditions, ticket);
        assertThat(evaluation.matched()).as("matched").isFalse();
        assertThat(evaluation.reasons()).containsExactly(reasons);
    }

    @Nested
    class SeverityAndPlan {

        @Test
        void shouldMatchAListedSeverityAndMissAnother() {
            Conditions sev1Or2 = Conditions.ANY.withSeverities(Severity.SEV2, Severity.SEV1);
            assertMatched(sev1Or2, ticket(), "severity SEV2 is one of [SEV1, SEV2]");
            assertMissed(sev1Or2, TicketFacts.of(Severity.SEV3, Plan.BUSINESS), "severity SEV3 is not one of [SEV1, SEV2]");
            assertMissed(sev1Or2, TicketFacts.of(null, Plan.BUSINESS), "severity (none) is not one of [SEV1, SEV2]");
        }

        @Test
        void shouldMatchAListedPlanAndMissAnother() {
            Conditions enterprise = Conditions.ANY.withPlans(Plan.ENTERPRISE);
            assertMatched(enterprise, TicketFacts.of(Severity.SEV4, Plan.ENTERPRISE),
                    "plan ENTERPRISE is one of [ENTERPRISE]");
            assertMissed(enterprise, ticket(), "plan BUSINESS is not one of [ENTERPRISE]");
        }
    }

    @Test
    void shouldMatchAListedCustomerAndMissAnother() {
        assertMatched(Conditions.ANY.withCustomers(ACME, GLOBEX), ticket(),
                "customer " + ACME + " is one of [" + ACME + ", " + GLOBEX + "]");
        assertMissed(Conditions.ANY.withCustomers(GLOBEX), ticket(),
                "customer " + ACME + " is not one of [" + GLOBEX + "]");
        assertMissed(Conditions.ANY.withCustomers(GLOBEX), TicketFacts.of(Severity.SEV1, Plan.ENTERPRISE),
                "customer (none) is not one of [" + GLOBEX + "]");
    }

    @Test
    void shouldMatchComponentsIgnoringCase() {
        assertMatched(Conditions.ANY.withComponents("database", "network"), ticket(),
                "component Database is one of [database, network]");
        assertMatched(Conditions.ANY.withComponents("DATABASE"), ticket(), "component Database is one of [DATABASE]");
        assertMissed(Conditions.ANY.withComponents("network"), ticket(), "component Database is not one of [network]");
        assertMissed(Conditions.ANY.withComponents("network"), TicketFacts.of(Severity.SEV1, Plan.ENTERPRISE),
                "component (none) is not one of [network]");
    }

    @Test
    void shouldMatchAnyOfTheTags() {
        assertMatched(Conditions.ANY.withTagsAnyOf("network", "db"), withTags("db", "prod"),
                "tags [db, prod] include [db] of [network, db]");
        assertMatched(Conditions.ANY.withTagsAnyOf("DB"), withTags("db"), "tags [db] include [db] of [DB]");
        assertMissed(Conditions.ANY.withTagsAnyOf("network", "dns"), withTags("db"),
                "tags [db] include none of [network, dns]");
        assertMissed(Conditions.ANY.withTagsAnyOf("network"), withTags(), "tags [] include none of [network]");
    }

    @Test
    void shouldMatchAllOfTheTags() {
        assertMatched(Conditions.ANY.withTagsAllOf("db", "prod"), withTags("prod", "db", "eu"),
                "tags [prod, db, eu] include all of [db, prod]");
        assertMissed(Conditions.ANY.withTagsAllOf("db", "prod"), withTags("db"),
                "tags [db] do not include all of [db, prod]: missing [prod]");
        assertMatched(Conditions.ANY.withTagsAllOf("Prod"), withTags("PROD"), "tags [PROD] include all of [Prod]");
    }

    @Test
    void shouldMatchSources() {
        assertMatched(Conditions.ANY.withSources("pagerduty", "alertmanager"), ticket(),
                "source pagerduty is one of [pagerduty, alertmanager]");
        assertMatched(Conditions.ANY.withSources("PagerDuty"), ticket(), "source pagerduty is one of [PagerDuty]");
        assertMissed(Conditions.ANY.withSources("api"), ticket(), "source pagerduty is not one of [api]");
        assertMissed(Conditions.ANY.withSources("api"), TicketFacts.of(Severity.SEV1, Plan.ENTERPRISE),
                "source (none) is not one of [api]");
    }

    @Nested
    class Text {

        @Test
        void shouldFindASubstringOfTitleOrDescriptionIgnoringCase() {
            assertMatched(Conditions.ANY.withText(TextCondition.contains("TIMEOUT")), ticket(),
                    "text contains \"TIMEOUT\"");
            assertMatched(Conditions.ANY.withText(TextCondition.contains("pool is")), ticket(),
                    "text contains \"pool is\"");
            assertMissed(Conditions.ANY.withText(TextCondition.contains("disk full")), ticket(),
                    "text does not contain \"disk full\"");
        }

        @Test
        void shouldNotMatchAcrossTheJoinOfTitleAndDescription() {
            assertMissed(Conditions.ANY.withText(TextCondition.contains("timeoutthe")), ticket(),
                    "text does not contain \"timeoutthe\"");
        }

        @Test
        void shouldFindARegularExpressionAnywhereInTheText() {
            assertMatched(Conditions.ANY.withText(TextCondition.regex("timeout.*db")), new TicketFacts(null, null,
                    null, null, null, null, "timeout talking to the db", null), "text matches /timeout.*db/");
            assertMatched(Conditions.ANY.withText(TextCondition.regex("pool\\s+is")), ticket(),
                    "text matches /pool\\s+is/");
            assertMissed(Conditions.ANY.withText(TextCondition.regex("^db")), ticket(), "text does not match /^db/");
        }

        @Test
        void shouldMatchRegularExpressionsCaseSensitivelyUnlessAskedNotTo() {
            assertMissed(Conditions.ANY.withText(TextCondition.regex("CHECKOUT")), ticket(),
                    "text does not match /CHECKOUT/");
            assertMatched(Conditions.ANY.withText(TextCondition.regexIgnoringCase("CHECKOUT")), ticket(),
                    "text matches /CHECKOUT/i");
            assertMatched(Conditions.ANY.withText(TextCondition.regex("(?i)CHECKOUT")), ticket(),
                    "text matches /(?i)CHECKOUT/");
        }

        @Test
        void shouldKeepTheDotWithinALineUnlessThePatternSaysOtherwise() {
            // "timeout" ends the title, "db" is in the description: Java's default '.' stops at the line break
            assertMissed(Conditions.ANY.withText(TextCondition.regex("timeout.*db")), ticket(),
                    "text does not match /timeout.*db/");
            assertMatched(Conditions.ANY.withText(TextCondition.regex("(?s)timeout.*db")), ticket(),
                    "text matches /(?s)timeout.*db/");
        }

        @Test
        void shouldNotMatchATicketWithoutText() {
            assertMissed(Conditions.ANY.withText(TextCondition.contains("x")), TicketFacts.of(Severity.SEV1, null),
                    "text does not contain \"x\"");
        }

        @Test
        void shouldLookOnlyAtTheFirstTenThousandCharacters() {
            String late = "x".repeat(RoutingRules.MAX_TEXT_LENGTH) + " needle";
            TicketFacts ticket = new TicketFacts(null, null, null, null, null, null, "title", late);

            assertThat(ticket.text()).hasSize(RoutingRules.MAX_TEXT_LENGTH);
            assertMissed(Conditions.ANY.withText(TextCondition.contains("needle")), ticket,
                    "text does not contain \"needle\"");
            assertMissed(Conditions.ANY.withText(TextCondition.regex("needle")), ticket,
                    "text does not match /needle/");
        }

        @Test
        void shouldGiveUpOnAPatternThatReadsTheTextTooOften() {
            TextMatcher quadratic = TextMatcher.compile(TextCondition.regex(".*db"), 1_000_000);
            String text = "x".repeat(RoutingRules.MAX_TEXT_LENGTH);

            assertThat(quadratic.test(text)).isEqualTo(TextMatcher.Outcome.GAVE_UP);
            assertThat(quadratic.test("a db")).isEqualTo(TextMatcher.Outcome.MATCHED);
            assertThat(TextMatcher.compile(TextCondition.regex(".*db")).test(text))
                    .as("the default budget lets a merely quadratic pattern finish")
                    .isEqualTo(TextMatcher.Outcome.NOT_MATCHED);
        }
    }

    @Test
    void shouldRequireEveryPresentConditionAndListEveryOneThatFailed() {
        Conditions conditions = Conditions.ANY.withSeverities(Severity.SEV1).withComponents("database")
                .withSources("api").withText(TextCondition.contains("timeout"));

        assertMissed(conditions, ticket(), "severity SEV2 is not one of [SEV1]", "source pagerduty is not one of [api]");
        assertMatched(conditions.withSeverities(Severity.SEV2).withSources("pagerduty"), ticket(),
                "severity SEV2 is one of [SEV2]", "component Database is one of [database]",
                "source pagerduty is one of [pagerduty]", "text contains \"timeout\"");
    }

    @Test
    void shouldCarryTheEscalationPolicyAndRunbookOfTheDecidingRule() {
        UUID runbook = UUID.fromString("11111111-2222-3333-4444-555555555555");
        RoutingRules rules = new RoutingRules(List.of(new Rule("db-timeouts",
                Conditions.ANY.withText(TextCondition.regexIgnoringCase("timeout|pool")),
                Action.routeTo(Tier.L2, "dba").withEscalationPolicy("dba-24x7").withRunbookArticle(runbook))),
                Tier.L1, "frontline");

        Decision decision = rules.decide(ticket());

        assertThat(decision.rule()).isEqualTo("db-timeouts");
        assertThat(decision.escalationPolicyId()).isEqualTo("dba-24x7");
        assertThat(decision.runbookArticleId()).isEqualTo(runbook);
        assertThat(decision.explanation()).isEqualTo("Rule 'db-timeouts' (#1) matched: text matches /timeout|pool/i."
                + " Routed to L2, team dba, escalation policy dba-24x7, runbook article " + runbook + ".");

        Decision defaulted = rules.decide(TicketFacts.of(Severity.SEV1, Plan.ENTERPRISE));
        assertThat(defaulted.defaulted()).isTrue();
        assertThat(defaulted.escalationPolicyId()).isNull();
        assertThat(defaulted.runbookArticleId()).isNull();
    }

    @Test
    void shouldRefuseToBuildAnInvalidRule() {
        assertThatThrownBy(() -> new Rule("bad-regex", Conditions.ANY.withText(TextCondition.regex("timeout(")),
                Action.routeTo(Tier.L2, "core")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routing rule 'bad-regex' is invalid: conditions.text.value is not a valid"
                        + " regular expression: Unclosed group");
        assertThatThrownBy(() -> new Rule("blank-tag", Conditions.ANY.withTagsAnyOf(" "),
                Action.routeTo(Tier.L2, "core")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conditions.tagsAnyOf");
        assertThatThrownBy(() -> new Rule("no-action", Conditions.ANY, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a tier");
    }

    @Test
    void shouldKeepConditionsImmutableAndReadNullAsAny() {
        Conditions conditions = new Conditions(null, null, null, null, null, null, null, null);

        assertThat(conditions).isEqualTo(Conditions.ANY);
        assertThat(conditions.isEmpty()).isTrue();
        assertThat(new Rule("r", null, Action.routeTo(Tier.L1, "x")).conditions()).isEqualTo(Conditions.ANY);
        assertThatThrownBy(() -> Conditions.ANY.withSeverities(Severity.SEV1).severities().add(Severity.SEV2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new TicketFacts(null, null, null, null, new java.util.HashSet<>(java.util.Arrays.asList("a", null,
                " ")), null, null, null).tags()).containsExactly("a");
    }
}
