package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.commented}: a comment was added. {@code visibility} is PUBLIC (a reply the customer sees)
 * or INTERNAL (a note); {@code authorType} is AGENT or CUSTOMER. A PUBLIC comment by an AGENT is a response.
 */
public record TicketCommented(UUID ticketId, UUID commentId, String visibility, String authorType, String author,
                              Instant createdAt) implements TicketEvent {

    public boolean isAgentPublicReply() {
        return "PUBLIC".equals(visibility) && "AGENT".equals(authorType);
    }
}
