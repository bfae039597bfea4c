package io.tierline.ticket.search;

import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.ticket.domain.TicketStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a support engineer looks for: every condition given must hold (a list holds when the ticket has any of its
 * values). {@code text} is matched with PostgreSQL full-text search (web search syntax: words, "phrases", -not, or).
 */
public record TicketFilter(List<TicketStatus> statuses, List<Severity> severities, Tier tier, String team,
                           String assignee, UUID customerId, String source, String tag, String component,
                           Instant createdFrom, Instant createdTo, Instant updatedFrom, Instant updatedTo,
                           Boolean breached, String text, UUID problemId) {

    public TicketFilter {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        severities = severities == null ? List.of() : List.copyOf(severities);
    }

    /** Only this customer's tickets (a customer's own people search nothing else). */
    public TicketFilter forCustomer(UUID customer) {
        return new TicketFilter(statuses, severities, tier, team, assignee, customer, source, tag, component,
                createdFrom, createdTo, updatedFrom, updatedTo, breached, text, problemId);
    }
}
