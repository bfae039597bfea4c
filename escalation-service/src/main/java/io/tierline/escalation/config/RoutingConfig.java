package io.tierline.escalation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tierline.contracts.Tier;

/**
 * Where a ticket no routing rule matches goes, under {@code tierline.routing}. The rules themselves are data, edited
 * through {@code /api/v1/routing-rules}.
 */
@ConfigMapping(prefix = "tierline.routing")
public interface RoutingConfig {

    /** Tier of a ticket no rule matches. */
    @WithDefault("L1")
    Tier defaultTier();

    /** Team of a ticket no rule matches. */
    @WithDefault("frontline")
    String defaultTeam();
}
