package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.attachment-added}: a diagnostic artifact (a log, a HAR file, a screenshot) was uploaded to
 * the ticket, or to one of its comments ({@code commentId}). {@code contentType} is what its bytes are, whatever the
 * uploader said; {@code sha256} is the hex SHA-256 of the bytes; {@code customerVisible} says whether the customer
 * sees it (they uploaded it, or it belongs to a public reply).
 */
public record TicketAttachmentAdded(UUID ticketId, UUID attachmentId, UUID commentId, String filename,
                                    String contentType, long sizeBytes, String sha256, boolean customerVisible,
                                    String by, Instant addedAt) implements TicketEvent {
}
