package io.tierline.escalation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.InvalidEventException;
import io.tierline.contracts.events.TicketEscalationRequested;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.escalation.service.EscalationService;
import io.tierline.platform.inbox.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.atomic.AtomicReference;

/** Ticket events: an opened ticket is routed, an escalation request hands it up a tier; the others need nothing here yet. */
@ApplicationScoped
public class TicketEventsConsumer {

    static final String CHANNEL = "ticket-events";

    private final IdempotentConsumer consumer;
    private final EscalationService escalations;
    private final MeterRegistry registry;

    TicketEventsConsumer(IdempotentConsumer consumer, EscalationService escalations, MeterRegistry registry) {
        this.consumer = consumer;
        this.escalations = escalations;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onTicketEvent(ConsumerRecord<String, String> record) {
        // Counted once the transaction has committed, so a rolled-back and retried attempt is not counted twice.
        AtomicReference<TicketRouted> routed = new AtomicReference<>();
        return consumer.apply(CHANNEL, record, event -> {
                    routed.set(null);
                    return switch (event.type()) {
                        case EventTypes.TICKET_OPENED -> opened(event).invoke(routed::set).replaceWithVoid();
                        case EventTypes.TICKET_ESCALATION_REQUESTED -> escalations.escalate(
                                event.payload(TicketEscalationRequested.class)).replaceWithVoid();
                        default -> Uni.createFrom().voidItem();
                    };
                })
                .invoke(() -> {
                    TicketRouted done = routed.get();
                    if (done != null) {
                        Counter.builder("tierline.escalations.routed")
                                .description("Tickets routed to a tier and team")
                                .tag("tier", done.tier().name())
                                .tag("team", done.team())
                                .register(registry)
                                .increment();
                    }
                });
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
