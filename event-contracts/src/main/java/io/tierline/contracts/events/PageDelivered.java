package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** {@code tierline.page.delivered}: a page reached a responder's channel. */
public record PageDelivered(UUID pageId, UUID ticketId, String responderId, String cause, String channel,
                            int attempt, Instant deliveredAt) implements TicketEvent {
}
