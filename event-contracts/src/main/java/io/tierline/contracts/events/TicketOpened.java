package io.tierline.contracts.events;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code tierline.ticket.opened}: a ticket was created (by a customer, an integration or an incident).
 * {@code openedBy} is the caller's identity (a token's principal, or {@code integration:<id>} for an integration
 * key), absent in events from before it was recorded. {@code component}, {@code tags} and {@code description} are
 * what routing rules match on besides severity, plan, customer, source and title; absent in older events.
 */
public record TicketOpened(UUID ticketId, UUID customerId, String customerName, Plan plan, Severity severity,
                           String title, String source, String openedBy, Instant openedAt, String component,
                           List<String> tags, String description) implements TicketEvent {

    public TicketOpened {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A ticket opened without a component, tags or description. */
    public TicketOpened(UUID ticketId, UUID customerId, String customerName, Plan plan, Severity severity,
                        String title, String source, String openedBy, Instant openedAt) {
        this(ticketId, customerId, customerName, plan, severity, title, source, openedBy, openedAt, null, List.of(),
                null);
    }
}
