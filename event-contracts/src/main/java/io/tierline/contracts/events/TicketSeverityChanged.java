package io.tierline.contracts.events;

import io.tierline.contracts.Severity;

import java.time.Instant;
import java.util.UUID;

/** {@code tierline.ticket.severity-changed}: the ticket's severity changed; SLA clocks are retargeted from it. */
public record TicketSeverityChanged(UUID ticketId, Severity from, Severity to, String by, Instant changedAt)
        implements TicketEvent {
}
