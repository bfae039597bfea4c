package io.tierline.contracts.events;

import io.tierline.contracts.Tier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code tierline.escalation.routed}: the ticket was assigned a tier and team; who is on call for it (level 1 of its
 * escalation policy, or the team's members where it has none). {@code escalationPolicyId} is the policy its
 * escalation follows, {@code runbookArticleId} a knowledge base article the routing rule links to the ticket; either
 * may be absent.
 */
public record TicketRouted(UUID ticketId, Tier tier, String team, String rule, List<Responder> responders,
                           Instant routedAt, String escalationPolicyId, UUID runbookArticleId) implements TicketEvent {

    public TicketRouted {
        responders = responders == null ? List.of() : List.copyOf(responders);
    }

    /** A routing without an escalation policy or a runbook. */
    public TicketRouted(UUID ticketId, Tier tier, String team, String rule, List<Responder> responders,
                        Instant routedAt) {
        this(ticketId, tier, team, rule, responders, routedAt, null, null);
    }
}
