package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** {@code tierline.page.failed}: every delivery attempt of a page failed. */
public record PageFailed(UUID pageId, UUID ticketId, String responderId, String cause, int attempts, String reason,
                         Instant failedAt) implements TicketEvent {
}
