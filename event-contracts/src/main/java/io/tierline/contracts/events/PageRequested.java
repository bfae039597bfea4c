package io.tierline.contracts.events;

import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code tierline.escalation.page-requested}: escalation-service wants these people paged for the ticket now, at a
 * level of its escalation policy. notification-service delivers it, and from then on takes {@code responders} as the
 * ticket's current responders (the people an SLA breach pages).
 *
 * @param severity the ticket's severity when the page was requested
 * @param level    the level of the policy, counted from 1
 * @param repeat   the round of the policy, counted from 0 (0: the first time through)
 * @param cause    why: SEV_AT_ONCE, SLA_ALERT, CLIMB, REPEAT, TIER_MOVE, SEVERITY_RAISED, MANUAL_ESCALATION,
 *                 ACK_TIMEOUT
 * @param pageKey  what makes this page this page: a person is paged once per ticket and key, however often the event
 *                 is delivered
 */
public record PageRequested(UUID ticketId, Tier tier, String team, String escalationPolicyId, Severity severity,
                            int level, int repeat,
                            String cause, String pageKey, List<Responder> responders, String reason,
                            Instant requestedAt) implements TicketEvent {

    public PageRequested {
        responders = responders == null ? List.of() : List.copyOf(responders);
    }
}
