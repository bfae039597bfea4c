package io.tierline.escalation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routing rules under {@code tierline.routing}, e.g.
 * <pre>
 * tierline.routing.rules[0].name=sev1-sev2-to-l2
 * tierline.routing.rules[0].severities=SEV1,SEV2
 * tierline.routing.rules[0].tier=L2
 * tierline.routing.rules[0].team=core
 * </pre>
 */
@ConfigMapping(prefix = "tierline.routing")
public interface RoutingConfig {

    /** Tried in index order; the first rule that matches decides. */
    List<Rule> rules();

    /** Tier of a ticket no rule matches. */
    @WithDefault("L1")
    Tier defaultTier();

    /** Team of a ticket no rule matches. */
    @WithDefault("frontline")
    String defaultTeam();

    /**
     * The team a ticket handed up to a tier goes to ({@code tierline.routing.tier-teams.L3=engineering}); a tier
     * without one takes the team of the first rule routing to it.
     */
    Map<String, String> tierTeams();

    interface Rule {
        /** Unique; it names the rule in routed events and explanations. */
        String name();

        /** The severities the rule applies to; absent means every severity. */
        Optional<List<Severity>> severities();

        /** The customer plans the rule applies to; absent means every plan. */
        Optional<List<Plan>> plans();

        Tier tier();

        String team();
    }
}
