package io.tierline.ticket.messaging;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.platform.inbox.IdempotentConsumer;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.service.KnowledgeBase;
import io.tierline.ticket.service.Timeline;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What other services say about a ticket: routing sets its tier and team; every event lands in its timeline.
 */
@ApplicationScoped
public class LifecycleEventsConsumer {

    private static final Logger LOG = Logger.getLogger(LifecycleEventsConsumer.class);

    private final IdempotentConsumer consumer;
    private final Timeline timeline;
    private final KnowledgeBase articles;
    private final Clock clock;

    LifecycleEventsConsumer(IdempotentConsumer consumer, Timeline timeline, KnowledgeBase articles, Clock clock) {
        this.consumer = consumer;
        this.timeline = timeline;
        this.articles = articles;
        this.clock = clock;
    }

    @Incoming("escalation-events")
    public Uni<Void> onEscalationEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("escalation-events", records, event -> switch (event.type()) {
            case EventTypes.TICKET_ROUTED -> routed(event).call(() -> timeline.record(event));
            case EventTypes.TICKET_TIER_CHANGED -> tierChanged(event).call(() -> timeline.record(event));
            default -> timeline.record(event);
        });
    }

    @Incoming("sla-events")
    public Uni<Void> onSlaEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("sla-events", records, event -> EventTypes.SLA_BREACHED.equals(event.type())
                ? breached(event).call(() -> timeline.record(event))
                : timeline.record(event));
    }

    @Incoming("page-events")
    public Uni<Void> onPageEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("page-events", records, timeline::record);
    }

    /** The first breach marks the ticket, so a search can find the breached ones. */
    private Uni<Void> breached(CloudEvent event) {
        SlaBreached breached = event.payload(SlaBreached.class);
        return change(event, ticket -> {
            if (ticket.breachedAt == null) {
                ticket.breachedAt = breached.breachedAt() != null ? breached.breachedAt() : breached.dueAt();
            }
        });
    }

    private Uni<Void> tierChanged(CloudEvent event) {
        TicketTierChanged changed = event.payload(TicketTierChanged.class);
        return change(event, ticket -> ticket.routed(changed.toTier(), changed.team(), clock.instant()));
    }

    /** Sets the tier and team, and links the runbook the routing rule names (a missing article is only logged). */
    private Uni<Void> routed(CloudEvent event) {
        TicketRouted routed = event.payload(TicketRouted.class);
        Uni<Void> changed = change(event, ticket -> ticket.routed(routed.tier(), routed.team(), clock.instant()));
        if (routed.runbookArticleId() == null) {
            return changed;
        }
        return changed.call(() -> articles.link(routed.ticketId(), routed.runbookArticleId(),
                        "routing rule " + routed.rule())
                .onFailure(ProblemException.class).invoke(refused -> LOG.warnf("Ticket %s: the runbook %s its"
                                + " routing rule %s names cannot be linked: %s", routed.ticketId(),
                        routed.runbookArticleId(), routed.rule(), refused.getMessage()))
                .onFailure(ProblemException.class).recoverWithNull()
                .replaceWithVoid());
    }

    /** Applies what another service decided to the event's ticket (locked), if ticket-service knows it. */
    private static Uni<Void> change(CloudEvent event, Consumer<Ticket> change) {
        return Ticket.forChange(UUID.fromString(event.subject()))
                .invoke(ticket -> {
                    if (ticket != null) {
                        change.accept(ticket);
                    }
                })
                .replaceWithVoid();
    }
}
