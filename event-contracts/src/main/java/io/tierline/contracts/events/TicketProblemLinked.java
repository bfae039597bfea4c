package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.problem-linked}: the ticket now names {@code problemId} as the problem behind it (absent:
 * no longer linked); {@code previousProblemId} is the one it named before. Resolving a problem ticket resolves the
 * open tickets linked to it.
 */
public record TicketProblemLinked(UUID ticketId, UUID problemId, UUID previousProblemId, String by, Instant linkedAt)
        implements TicketEvent {
}
