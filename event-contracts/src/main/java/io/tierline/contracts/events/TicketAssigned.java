package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.assigned}: the ticket's assignee or team changed (either may be absent: unassigned). The
 * previous values say what it was before.
 */
public record TicketAssigned(UUID ticketId, String assignee, String team, String previousAssignee,
                             String previousTeam, String by, Instant assignedAt) implements TicketEvent {
}
