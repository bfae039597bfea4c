package io.tierline.contracts.events;

import io.tierline.contracts.Tier;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.escalation-requested}: someone asked for the ticket to be handed up to {@code toTier}
 * ({@code fromTier} is where it was, absent before routing), with a reason and, for L3, the reproduction package.
 * escalation-service moves the tier and answers {@link TicketTierChanged}.
 */
public record TicketEscalationRequested(UUID ticketId, UUID escalationId, Tier fromTier, Tier toTier, String reason,
                                        ReproductionPackage reproduction, String requestedBy, Instant requestedAt)
        implements TicketEvent {
}
