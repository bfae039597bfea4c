package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** {@code tierline.page.acknowledged}: a responder acknowledged a page; escalation for its cause stops. */
public record PageAcknowledged(UUID pageId, UUID ticketId, String responderId, String cause, String acknowledgedBy,
                               Instant acknowledgedAt) implements TicketEvent {
}
