package io.tierline.escalation.config;

import io.quarkus.runtime.Startup;
import io.tierline.escalation.oncall.OnCallRoster;
import io.tierline.escalation.routing.RoutingRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import io.tierline.contracts.Tier;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the plain-Java routing rules and roster from configuration once, at startup, so a broken configuration
 * (a rule without a tier, two rules with one name) stops the service before it routes anything.
 */
@ApplicationScoped
public class RoutingProducer {

    private static final Logger LOG = Logger.getLogger(RoutingProducer.class);

    @Produces
    @Singleton
    @Startup
    RoutingRules routingRules(RoutingConfig config) {
        List<RoutingRules.Rule> rules = config.rules().stream()
                .map(rule -> RoutingRules.Rule.of(rule.name(), rule.severities().orElse(List.of()),
                        rule.plans().orElse(List.of()), rule.tier(), rule.team()))
                .toList();
        Map<Tier, String> tierTeams = new EnumMap<>(Tier.class);
        config.tierTeams().forEach((tier, team) -> tierTeams.put(Tier.valueOf(tier), team));
        return new RoutingRules(rules, config.defaultTier(), config.defaultTeam(), tierTeams);
    }

    @Produces
    @Singleton
    @Startup
    OnCallRoster onCallRoster(OnCallConfig config, RoutingRules rules) {
        OnCallRoster roster = new OnCallRoster(config.teams());
        // A team with nobody on call still gets its tickets (and the routed event says so); the operator should know.
        for (String team : rules.teams()) {
            if (roster.onCall(team).isEmpty()) {
                LOG.warnf("Team '%s' receives tickets but nobody is on call for it (set tierline.on-call.teams.%s)",
                        team, team);
            }
        }
        return roster;
    }
}
