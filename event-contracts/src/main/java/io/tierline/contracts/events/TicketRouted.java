package io.tierline.contracts.events;

import io.tierline.contracts.Tier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code tierline.escalation.routed}: the ticket was assigned a tier and team; who is on call for it. */
public record TicketRouted(UUID ticketId, Tier tier, String team, String rule, List<Responder> responders,
                           Instant routedAt) implements TicketEvent {
}
