package io.tierline.contracts.events;

import io.tierline.contracts.Tier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code tierline.escalation.tier-changed}: escalation-service moved the ticket to another tier and team (for an
 * escalation request: {@code escalationId}); {@code responders} are the new team's on-call people, who replace the
 * ticket's responders.
 */
public record TicketTierChanged(UUID ticketId, Tier fromTier, Tier toTier, String team, String reason,
                                UUID escalationId, List<Responder> responders, Instant changedAt)
        implements TicketEvent {

    public TicketTierChanged {
        responders = responders == null ? List.of() : List.copyOf(responders);
    }
}
