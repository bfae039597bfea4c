package io.tierline.contracts.events;

import io.tierline.contracts.SlaClockKind;

import java.time.Instant;
import java.util.UUID;

/** {@code tierline.sla.met}: a clock was stopped before its deadline. */
public record SlaMet(UUID ticketId, SlaClockKind clock, Instant dueAt, Instant metAt) implements TicketEvent {
}
