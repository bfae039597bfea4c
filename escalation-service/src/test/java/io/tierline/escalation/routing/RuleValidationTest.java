package io.tierline.escalation.routing;

import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.escalation.routing.RoutingRules.Action;
import io.tierline.escalation.routing.RoutingRules.Conditions;
import io.tierline.escalation.routing.RoutingRules.RuleDraft;
import io.tierline.escalation.routing.RoutingRules.TextCondition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** What a 422 answer lists for a submitted rule: the JSON path of each bad value and why. */
class RuleValidationTest {

    private static final Predicate<String> TEAMS = Set.of("core", "dba", "frontline")::contains;
    private static final Predicate<String> POLICIES = Set.of("dba-24x7")::contains;

    private static RuleDraft valid() {
        return new RuleDraft("db-timeouts", Conditions.ANY.withSeverities(Severity.SEV1)
                .withText(TextCondition.regex("timeout.*db")),
                Action.routeTo(Tier.L2, "dba").withEscalationPolicy("dba-24x7"));
    }

    private static List<FieldError> problems(RuleDraft draft) {
        return RuleValidation.problems(draft, TEAMS, POLICIES);
    }

    @Test
    void shouldAcceptAValidRuleAndBuildIt() {
        assertThat(problems(valid())).isEmpty();
        assertThat(valid().toRule().name()).isEqualTo("db-timeouts");
    }

    @Test
    void shouldRequireAName() {
        assertThat(problems(new RuleDraft(" ", valid().conditions(), valid().action())))
                .containsExactly(new FieldError("name", "must not be blank"));
        assertThat(problems(new RuleDraft(null, valid().conditions(), valid().action())))
                .containsExactly(new FieldError("name", "must not be blank"));
        assertThat(problems(new RuleDraft("default", valid().conditions(), valid().action())))
                .containsExactly(new FieldError("name", "'default' is reserved for the default routing"));
    }

    @Test
    void shouldNameTheRegexError() {
        List<FieldError> errors = problems(new RuleDraft("r", Conditions.ANY.withText(TextCondition.regex("timeout(db")),
                valid().action()));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("conditions.text.value");
            assertThat(error.message()).isEqualTo("is not a valid regular expression: Unclosed group near index 10");
        });
        assertThat(problems(new RuleDraft("r", Conditions.ANY.withText(TextCondition.regexIgnoringCase("*db")),
                valid().action()))).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("conditions.text.value");
            assertThat(error.message()).startsWith("is not a valid regular expression: Dangling meta character '*'");
        });
    }

    @Test
    void shouldNotCompileASubstringAsARegex() {
        assertThat(problems(new RuleDraft("r", Conditions.ANY.withText(TextCondition.contains("timeout(")),
                valid().action()))).isEmpty();
    }

    @Test
    void shouldRequireATextModeAndValue() {
        assertThat(problems(new RuleDraft("r", Conditions.ANY.withText(new TextCondition(null, "x")),
                valid().action()))).containsExactly(
                new FieldError("conditions.text.mode", "is required: CONTAINS, REGEX or REGEX_IGNORE_CASE"));
        assertThat(problems(new RuleDraft("r", Conditions.ANY.withText(TextCondition.contains("")), valid().action())))
                .containsExactly(new FieldError("conditions.text.value", "must not be empty"));
    }

    @Test
    void shouldCapThePatternLength() {
        String longest = "a".repeat(RoutingRules.MAX_PATTERN_LENGTH);
        assertThat(problems(new RuleDraft("r", Conditions.ANY.withText(TextCondition.regex(longest)),
                valid().action()))).isEmpty();
        assertThat(problems(new RuleDraft("r", Conditions.ANY.withText(TextCondition.regex(longest + "a")),
                valid().action()))).containsExactly(
                new FieldError("conditions.text.value", "must be at most 500 characters (it has 501)"));
    }

    @Test
    void shouldRequireATierAndAKnownTeam() {
        assertThat(problems(new RuleDraft("r", null, new Action(null, "nobody", null, null)))).containsExactly(
                new FieldError("action.tier", "is required"),
                new FieldError("action.team", "no team named 'nobody'"));
        assertThat(problems(new RuleDraft("r", null, null))).containsExactly(
                new FieldError("action.tier", "is required"),
                new FieldError("action.team", "is required"));
    }

    @Test
    void shouldRequireAKnownEscalationPolicyWhenOneIsNamed() {
        assertThat(problems(new RuleDraft("r", null, Action.routeTo(Tier.L2, "core").withEscalationPolicy("gone"))))
                .containsExactly(new FieldError("action.escalationPolicyId", "no escalation policy 'gone'"));
        assertThat(problems(new RuleDraft("r", null, Action.routeTo(Tier.L2, "core").withEscalationPolicy(" "))))
                .containsExactly(new FieldError("action.escalationPolicyId",
                        "must not be blank; leave it out for none"));
    }

    @Test
    void shouldRejectUnknownSourcesAndBlankTags() {
        Conditions conditions = Conditions.ANY.withSources("api", "PagerDuty", "email", "fax")
                .withTagsAnyOf("db", " ").withTagsAllOf("").withComponents((String) null);

        assertThat(problems(new RuleDraft("r", conditions, valid().action()))).containsExactly(
                new FieldError("conditions.components", "components must not be blank"),
                new FieldError("conditions.tagsAnyOf", "tags must not be blank"),
                new FieldError("conditions.tagsAllOf", "tags must not be blank"),
                new FieldError("conditions.sources", "unknown source 'email' (known: api, pagerduty, alertmanager,"
                        + " incident, kafka)"),
                new FieldError("conditions.sources", "unknown source 'fax' (known: api, pagerduty, alertmanager,"
                        + " incident, kafka)"));
    }

    @Test
    void shouldListEveryProblemAtOnce() {
        RuleDraft draft = new RuleDraft("", Conditions.ANY.withText(TextCondition.regex("(")),
                new Action(null, "ghosts", "none-such", null));

        assertThat(problems(draft)).extracting(FieldError::field).containsExactly(
                "name", "conditions.text.value", "action.tier", "action.team", "action.escalationPolicyId");
    }

    @Test
    void shouldRejectANameAnotherRuleHas() {
        assertThat(RuleValidation.problems(valid(), List.of("db-timeouts", "other"), TEAMS, POLICIES))
                .containsExactly(new FieldError("name", "another rule is already named 'db-timeouts'"));
    }

    @Test
    void shouldPrefixProblemsOfARuleSetWithTheRulesIndexAndRejectDuplicateNames() {
        RuleDraft other = new RuleDraft("other", null, Action.routeTo(Tier.L1, "nobody"));

        assertThat(RuleValidation.problems(List.of(valid(), other, valid()), TEAMS, POLICIES)).containsExactly(
                new FieldError("rules[1].action.team", "no team named 'nobody'"),
                new FieldError("rules[2].name", "duplicates the name of rules[0] ('db-timeouts')"));
        assertThat(RuleValidation.problems(List.of(valid()), TEAMS, POLICIES)).isEmpty();
    }
}
