package io.tierline.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.events.PageRequested;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.TicketEvent;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.notification.service.PagingService;
import io.tierline.platform.inbox.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What makes pages: routing events say who is on call for a ticket, SLA breaches say why to page them. Each event
 * is applied once, in one transaction with the pages and delivery timers it creates; a record that cannot be read
 * goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class PagingEventsConsumer {

    private final IdempotentConsumer consumer;
    private final PagingService paging;

    PagingEventsConsumer(IdempotentConsumer consumer, PagingService paging) {
        this.consumer = consumer;
        this.paging = paging;
    }

    @Incoming("escalation-events")
    public Uni<Void> onEscalationEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("escalation-events", records, event -> switch (event.type()) {
            case EventTypes.TICKET_ROUTED -> read(event, TicketRouted.class).flatMap(paging::routed);
            case EventTypes.TICKET_TIER_CHANGED -> read(event, TicketTierChanged.class).flatMap(paging::tierChanged);
            case EventTypes.PAGE_REQUESTED -> read(event, PageRequested.class).flatMap(paging::pageRequested);
            default -> ignored();
        });
    }

    /** Only breaches page for now; warnings and met clocks are acknowledged and skipped. */
    @Incoming("sla-events")
    public Uni<Void> onSlaEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("sla-events", records, event -> EventTypes.SLA_BREACHED.equals(event.type())
                ? read(event, SlaBreached.class).flatMap(paging::slaBreached)
                : ignored());
    }

    /** Invalid data fails the Uni with InvalidEventException, which dead-letters the record without retries. */
    private static <T extends TicketEvent> Uni<T> read(CloudEvent event, Class<T> type) {
        return Uni.createFrom().item(() -> event.payload(type));
    }

    private static Uni<Void> ignored() {
        return Uni.createFrom().voidItem();
    }
}
