package io.tierline.contracts.events;

import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Severity;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.sla.breached}: a clock passed its deadline. {@code late} is true when the service announced it
 * noticeably after the deadline (for example after a restart); {@code breachedAt} is then still the deadline.
 */
public record SlaBreached(UUID ticketId, SlaClockKind clock, Severity severity, Instant dueAt, Instant breachedAt,
                          Instant announcedAt, boolean late) implements TicketEvent {
}
