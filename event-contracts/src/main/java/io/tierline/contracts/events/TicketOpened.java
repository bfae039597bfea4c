package io.tierline.contracts.events;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;

import java.time.Instant;
import java.util.UUID;

/** {@code tierline.ticket.opened}: a ticket was created (by a customer, an integration or an incident). */
public record TicketOpened(UUID ticketId, UUID customerId, String customerName, Plan plan, Severity severity,
                           String title, String source, Instant openedAt) implements TicketEvent {
}
