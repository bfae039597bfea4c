package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.status-changed}: a person moved the ticket from one status to another ({@code NEW},
 * {@code OPEN}, {@code IN_PROGRESS}, {@code WAITING_ON_CUSTOMER}, {@code RESOLVED}, {@code CLOSED}). {@code by} is
 * the caller's identity, {@code reason} what they gave for it (may be absent), {@code resolutionNote} the note a
 * move to RESOLVED carries, {@code reopened} true when a RESOLVED ticket was taken up again.
 */
public record TicketStatusChanged(UUID ticketId, String from, String to, String by, String reason,
                                  String resolutionNote, boolean reopened, Instant changedAt) implements TicketEvent {
}
