package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.alert-updated}: the monitoring source of an incident ticket spoke again about the same
 * alert (same dedup key): it fired again ({@code TRIGGER}, {@code occurrences} counts the firings), or the source
 * acknowledged or resolved it on its side ({@code ACKNOWLEDGE}, {@code RESOLVE}). The ticket itself is not
 * resolved by the source: a person decides that.
 */
public record TicketAlertUpdated(UUID ticketId, String source, String dedupKey, String action, int occurrences,
                                 String summary, Instant receivedAt) implements TicketEvent {
}
