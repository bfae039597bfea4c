package io.tierline.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code tierline.ticket.updated}: descriptive fields of the ticket changed; {@code fields} names them (title,
 * description, component, environment, productVersion, tags). Status, severity and assignment have events of their
 * own.
 */
public record TicketUpdated(UUID ticketId, List<String> fields, String by, Instant updatedAt) implements TicketEvent {

    public TicketUpdated {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
