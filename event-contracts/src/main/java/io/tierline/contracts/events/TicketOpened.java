package io.tierline.contracts.events;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.opened}: a ticket was created (by a customer, an integration or an incident).
 * {@code openedBy} is the caller's identity (a token's principal, or {@code integration:<id>} for an integration
 * key), absent in events from before it was recorded.
 */
public record TicketOpened(UUID ticketId, UUID customerId, String customerName, Plan plan, Severity severity,
                           String title, String source, String openedBy, Instant openedAt) implements TicketEvent {
}
