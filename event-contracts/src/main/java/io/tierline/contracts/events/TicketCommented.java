package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.commented}: a comment was added. {@code visibility} is PUBLIC (a reply the customer sees)
 * or INTERNAL (a note); {@code authorType} is AGENT or CUSTOMER. A PUBLIC comment by an AGENT is a response.
 * {@code author} is the name the comment carries; {@code postedBy} the authenticated caller who posted it (an agent
 * may relay a customer's words), absent in events from before it was recorded. For an agent's public reply,
 * {@code firstResponse} says it is the ticket's first one, and {@code statusUpdate} that it is an update the customer
 * is owed while the ticket is open (not RESOLVED or CLOSED): each one restarts the next-update clock.
 */
public record TicketCommented(UUID ticketId, UUID commentId, String visibility, String authorType, String author,
                              String postedBy, Instant createdAt, boolean firstResponse, boolean statusUpdate)
        implements TicketEvent {

    /** A comment that is neither a first response nor a status update (a note, a customer's words). */
    public TicketCommented(UUID ticketId, UUID commentId, String visibility, String authorType, String author,
                           String postedBy, Instant createdAt) {
        this(ticketId, commentId, visibility, authorType, author, postedBy, createdAt, false, false);
    }

    public boolean isAgentPublicReply() {
        return "PUBLIC".equals(visibility) && "AGENT".equals(authorType);
    }
}
