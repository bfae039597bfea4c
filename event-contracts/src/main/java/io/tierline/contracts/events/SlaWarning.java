package io.tierline.contracts.events;

import io.tierline.contracts.SlaClockKind;

import java.time.Instant;
import java.util.UUID;

/** {@code tierline.sla.warning}: a clock passed its warning threshold; {@code late} if announced after a downtime. */
public record SlaWarning(UUID ticketId, SlaClockKind clock, int thresholdPercent, Instant dueAt, Instant warnedAt,
                         boolean late) implements TicketEvent {
}
