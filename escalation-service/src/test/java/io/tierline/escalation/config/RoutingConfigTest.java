package io.tierline.escalation.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration keys operators write, read without starting Quarkus. */
class RoutingConfigTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(RoutingConfig.class)
                .withMapping(OnCallConfig.class)
                .build();
    }

    @Test
    void shouldReadOrderedRulesWithOptionalConditions() {
        SmallRyeConfig config = config(Map.of(
                "tierline.routing.rules[0].name", "sev1-enterprise-to-l3",
                "tierline.routing.rules[0].severities", "SEV1",
                "tierline.routing.rules[0].plans", "ENTERPRISE",
                "tierline.routing.rules[0].tier", "L3",
                "tierline.routing.rules[0].team", "platform",
                "tierline.routing.rules[1].name", "everything-else-to-l2",
                "tierline.routing.rules[1].tier", "L2",
                "tierline.routing.rules[1].team", "core",
                "tierline.on-call.teams.core", "alice,bob",
                "tierline.on-call.teams.payments-l3", "dave"));

        RoutingConfig routing = config.getConfigMapping(RoutingConfig.class);
        assertThat(routing.rules()).extracting(RoutingConfig.Rule::name)
                .containsExactly("sev1-enterprise-to-l3", "everything-else-to-l2");
        assertThat(routing.rules().get(0).severities()).contains(List.of(Severity.SEV1));
        assertThat(routing.rules().get(0).plans()).contains(List.of(Plan.ENTERPRISE));
        assertThat(routing.rules().get(0).tier()).isEqualTo(Tier.L3);
        assertThat(routing.rules().get(1).severities()).isEmpty();
        assertThat(routing.rules().get(1).plans()).isEmpty();
        assertThat(routing.defaultTier()).isEqualTo(Tier.L1);
        assertThat(routing.defaultTeam()).isEqualTo("frontline");
        assertThat(config.getConfigMapping(OnCallConfig.class).teams())
                .containsEntry("core", List.of("alice", "bob"))
                .containsEntry("payments-l3", List.of("dave"));
    }

    @Test
    void shouldStartWithNoRulesAndNoRoster() {
        SmallRyeConfig config = config(Map.of());

        assertThat(config.getConfigMapping(RoutingConfig.class).rules()).isEmpty();
        assertThat(config.getConfigMapping(OnCallConfig.class).teams()).isEmpty();
    }
}
