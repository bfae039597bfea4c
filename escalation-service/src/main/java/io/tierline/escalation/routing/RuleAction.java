package io.tierline.escalation.routing;

import io.tierline.contracts.Tier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * Where a ticket a rule matches goes: a tier and a team (both required), optionally an escalation policy and a
 * runbook article (a knowledge-base article to link on the ticket).
 */
public record RuleAction(@NotNull Tier tier, @NotBlank @Size(max = 63) String team,
                         @Size(max = 100) String escalationPolicyId, UUID runbookArticleId) {

    public static final List<String> FIELDS = List.of("tier", "team", "escalationPolicyId", "runbookArticleId");

    public RoutingRules.Action toAction() {
        return new RoutingRules.Action(tier, team, escalationPolicyId, runbookArticleId);
    }
}
