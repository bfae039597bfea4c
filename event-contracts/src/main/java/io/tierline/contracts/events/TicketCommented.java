package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.commented}: a comment was added. {@code visibility} is PUBLIC (a reply the customer sees)
 * or INTERNAL (a note); {@code authorType} is AGENT or CUSTOMER. A PUBLIC comment by an AGENT is a response.
 * {@code author} is the name the comment carries; {@code postedBy} the authenticated caller who posted it (an agent
 * may relay a customer's words), absent in events from before it was recorded.
 */
public record TicketCommented(UUID ticketId, UUID commentId, String visibility, String authorType, String author,
                              String postedBy, Instant createdAt) implements TicketEvent {

    public boolean isAgentPublicReply() {
        return "PUBLIC".equals(visibility) && "AGENT".equals(authorType);
    }
}
