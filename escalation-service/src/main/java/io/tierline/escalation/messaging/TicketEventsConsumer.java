package io.tierline.escalation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tierline.platform.commit.CommitSignals;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.InvalidEventException;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketEscalationRequested;
import io.tierline.contracts.events.TicketSeverityChanged;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.escalation.run.RunTriggers;
import io.tierline.escalation.service.EscalationService;
import io.tierline.platform.inbox.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/** Ticket events: an opened ticket is routed, an escalation request hands it up a tier; the others need nothing here yet. */
@ApplicationScoped
public class TicketEventsConsumer {

    static final String CHANNEL = "ticket-events";

    private final IdempotentConsumer consumer;
    private final EscalationService escalations;
    private final RunTriggers runs;
    private final MeterRegistry registry;
    private final CommitSignals signals;

    TicketEventsConsumer(IdempotentConsumer consumer, EscalationService escalations, RunTriggers runs,
                         MeterRegistry registry, CommitSignals signals) {
        this.signals = signals;
        this.consumer = consumer;
        this.escalations = escalations;
        this.runs = runs;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll(CHANNEL, records, event -> switch (event.type()) {
                case EventTypes.TICKET_OPENED -> opened(event).invoke(this::countRouted).replaceWithVoid();
                case EventTypes.TICKET_ESCALATION_REQUESTED -> escalationRequested(
                        event.payload(TicketEscalationRequested.class));
                case EventTypes.TICKET_STATUS_CHANGED -> {
                    TicketStatusChanged changed = event.payload(TicketStatusChanged.class);
                    yield runs.statusChanged(changed.ticketId(), changed.to(), changed.changedAt())
                            .replaceWithVoid();
                }
                case EventTypes.TICKET_SEVERITY_CHANGED -> {
                    TicketSeverityChanged changed = event.payload(TicketSeverityChanged.class);
                    yield runs.severityChanged(changed.ticketId(), changed.to(), changed.changedAt())
                            .replaceWithVoid();
                }
                case EventTypes.TICKET_COMMENTED -> {
                    // the customer writing again is not the ticket being worked on
                    TicketCommented commented = event.payload(TicketCommented.class);
                    yield "CUSTOMER".equals(commented.authorType()) ? Uni.createFrom().voidItem()
                            : runs.updated(commented.ticketId(), commented.createdAt()).replaceWithVoid();
                }
                case EventTypes.TICKET_UPDATED, EventTypes.TICKET_ASSIGNED ->
                        runs.updated(UUID.fromString(event.subject()), event.time()).replaceWithVoid();
                default -> Uni.createFrom().voidItem();
        });
    }

    /** Counted once the transaction has committed, so a rolled-back and retried attempt is not counted twice. */
    private void countRouted(TicketRouted routed) {
        if (routed == null) {
            return;
        }
        signals.afterCommit(() -> Counter.builder("tierline.escalations.routed")
                .description("Tickets routed to a tier and team")
                .tag("tier", routed.tier().name())
                .tag("team", routed.team())
                .register(registry)
                .increment());
    }

    /**
     * A ticket with a running escalation moves up with it and the new tier's policy pages; one without (or whose new
     * tier has no policy) moves to the tier's team, whose members become its responders.
     */
    private Uni<Void> escalationRequested(TicketEscalationRequested requested) {
        return runs.escalate(requested.ticketId(), requested.toTier(), requested.reason(), requested.requestedAt())
                // a no-op when the run moved the ticket already
                .flatMap(ran -> escalations.escalate(requested)).replaceWithVoid();
    }

    private Uni<TicketRouted> opened(CloudEvent event) {
        TicketOpened opened = event.payload(TicketOpened.class);
        // Routing needs both; an opened event without them can never be routed, so it belongs in the dead-letter topic.
        if (opened.severity() == null || opened.plan() == null) {
            throw new InvalidEventException("TicketOpened without " + (opened.severity() == null ? "severity" : "plan"));
        }
        return escalations.route(opened);
    }
}
