package io.tierline.escalation.routing;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingRulesTest {

    private static final RoutingRules.Rule SEV1_ENTERPRISE_TO_L3 = RoutingRules.Rule.of("sev1-enterprise-to-l3",
            Set.of(Severity.SEV1), Set.of(Plan.ENTERPRISE), Tier.L3, "platform");
    private static final RoutingRules.Rule SEV1_SEV2_TO_L2 = RoutingRules.Rule.of("sev1-sev2-to-l2",
            Set.of(Severity.SEV2, Severity.SEV1), Set.of(), Tier.L2, "core");

    private final RoutingRules rules = new RoutingRules(List.of(SEV1_ENTERPRISE_TO_L3, SEV1_SEV2_TO_L2),
            Tier.L1, "frontline");

    @Test
    void shouldRouteWithTheFirstMatchingRule() {
        RoutingRules.Decision decision = rules.decide(Severity.SEV1, Plan.ENTERPRISE);

        assertThat(decision.tier()).isEqualTo(Tier.L3);
        assertThat(decision.team()).isEqualTo("platform");
        assertThat(decision.rule()).isEqualTo("sev1-enterprise-to-l3");
        assertThat(decision.defaulted()).isFalse();
        assertThat(decision.evaluations()).extracting(RoutingRules.RuleEvaluation::rule)
                .as("rules after the first match are not tried")
                .containsExactly("sev1-enterprise-to-l3");
        assertThat(decision.evaluations().get(0).reasons())
                .containsExactly("severity SEV1 is one of [SEV1]", "plan ENTERPRISE is one of [ENTERPRISE]");
    }

    @Test
    void shouldExplainWhyEarlierRulesDidNotMatch() {
        RoutingRules.Decision decision = rules.decide(Severity.SEV1, Plan.STANDARD);

        assertThat(decision.rule()).isEqualTo("sev1-sev2-to-l2");
        assertThat(decision.tier()).isEqualTo(Tier.L2);
        assertThat(decision.team()).isEqualTo("core");
        assertThat(decision.evaluations()).hasSize(2);
        RoutingRules.RuleEvaluation skipped = decision.evaluations().get(0);
        assertThat(skipped.position()).isEqualTo(1);
        assertThat(skipped.matched()).isFalse();
        assertThat(skipped.reasons()).containsExactly("plan STANDARD is not one of [ENTERPRISE]");
        RoutingRules.RuleEvaluation matched = decision.evaluations().get(1);
        assertThat(matched.position()).isEqualTo(2);
        assertThat(matched.matched()).isTrue();
        assertThat(matched.reasons()).containsExactly("severity SEV1 is one of [SEV1, SEV2]");
        assertThat(decision.explanation())
                .contains("Rule 'sev1-sev2-to-l2' (#2) matched")
                .contains("'sev1-enterprise-to-l3' did not match (plan STANDARD is not one of [ENTERPRISE])")
                .contains("Routed to L2, team core");
    }

    @Test
    void shouldRouteToTheDefaultWhenNoRuleMatches() {
        RoutingRules.Decision decision = rules.decide(Severity.SEV3, Plan.ENTERPRISE);

        assertThat(decision.tier()).isEqualTo(Tier.L1);
        assertThat(decision.team()).isEqualTo("frontline");
        assertThat(decision.rule()).isEqualTo(RoutingRules.DEFAULT_RULE);
        assertThat(decision.defaulted()).isTrue();
        assertThat(decision.evaluations()).allSatisfy(e -> assertThat(e.matched()).isFalse());
        assertThat(decision.evaluations().get(1).reasons()).containsExactly("severity SEV3 is not one of [SEV1, SEV2]");
        assertThat(decision.explanation()).startsWith("No rule matched").endsWith("default L1, team frontline.");
    }

    @Test
    void shouldListEveryFailedConditionOfARule() {
        RoutingRules.Decision decision = rules.decide(Severity.SEV4, Plan.BUSINESS);

        assertThat(decision.evaluations().get(0).reasons()).containsExactly(
                "severity SEV4 is not one of [SEV1]", "plan BUSINESS is not one of [ENTERPRISE]");
    }

    @Test
    void shouldMatchEveryTicketWithARuleWithoutConditions() {
        RoutingRules catchAll = new RoutingRules(List.of(
                RoutingRules.Rule.of("everything-to-l2", null, null, Tier.L2, "core")), Tier.L1, "frontline");

        RoutingRules.Decision decision = catchAll.decide(Severity.SEV4, Plan.STANDARD);

        assertThat(decision.rule()).isEqualTo("everything-to-l2");
        assertThat(decision.evaluations().get(0).reasons()).containsExactly("no conditions: matches every ticket");
    }

    @Test
    void shouldRouteToTheDefaultWhenNoRulesAreConfigured() {
        RoutingRules none = new RoutingRules(List.of(), Tier.L1, "frontline");

        RoutingRules.Decision decision = none.decide(Severity.SEV1, Plan.ENTERPRISE);

        assertThat(decision.rule()).isEqualTo(RoutingRules.DEFAULT_RULE);
        assertThat(decision.evaluations()).isEmpty();
        assertThat(decision.explanation()).startsWith("No routing rules are configured");
    }

    @Test
    void shouldListTeamsInRuleOrderThenTheDefault() {
        assertThat(rules.teams()).containsExactly("platform", "core", "frontline");
    }

    @Test
    void shouldRejectAmbiguousOrIncompleteConfiguration() {
        assertThatThrownBy(() -> new RoutingRules(List.of(SEV1_SEV2_TO_L2, SEV1_SEV2_TO_L2), Tier.L1, "frontline"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two routing rules are named");
        assertThatThrownBy(() -> new RoutingRules(List.of(
                RoutingRules.Rule.of(RoutingRules.DEFAULT_RULE, null, null, Tier.L2, "core")), Tier.L1, "frontline"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> RoutingRules.Rule.of("no-tier", null, null, null, "core"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a tier");
        assertThatThrownBy(() -> RoutingRules.Rule.of("no-team", null, null, Tier.L2, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a team");
        assertThatThrownBy(() -> new RoutingRules(List.of(), Tier.L1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default team");
    }

    @Test
    void shouldHandATicketUpToTheTeamConfiguredForTheTierElseTheFirstRulesTeam() {
        RoutingRules rules = new RoutingRules(List.of(SEV1_SEV2_TO_L2), Tier.L1, "frontline",
                java.util.Map.of(Tier.L3, "engineering"));

        assertThat(rules.teamFor(Tier.L3)).contains("engineering");
        assertThat(rules.teamFor(Tier.L2)).contains(SEV1_SEV2_TO_L2.action().team());
        assertThat(rules.teamFor(Tier.L1)).contains("frontline");
        assertThat(new RoutingRules(List.of(SEV1_SEV2_TO_L2), Tier.L1, "frontline").teamFor(Tier.L3)).isEmpty();
        assertThat(rules.teams()).contains("engineering");
        assertThatThrownBy(() -> new RoutingRules(List.of(), Tier.L1, "frontline", java.util.Map.of(Tier.L3, " ")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
