package io.tierline.escalation.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tierline.contracts.Tier;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration keys operators write, read without starting Quarkus. */
class RoutingConfigTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(RoutingConfig.class)
                .build();
    }

    @Test
    void shouldReadTheDefaultTierAndTeam() {
        RoutingConfig routing = config(Map.of("tierline.routing.default-tier", "L2",
                "tierline.routing.default-team", "core")).getConfigMapping(RoutingConfig.class);

        assertThat(routing.defaultTier()).isEqualTo(Tier.L2);
        assertThat(routing.defaultTeam()).isEqualTo("core");
    }

    @Test
    void shouldDefaultToL1Frontline() {
        RoutingConfig routing = config(Map.of()).getConfigMapping(RoutingConfig.class);

        assertThat(routing.defaultTier()).isEqualTo(Tier.L1);
        assertThat(routing.defaultTeam()).isEqualTo("frontline");
    }
}
