package io.tierline.sla.messaging;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.platform.inbox.IdempotentConsumer;
import io.tierline.sla.clock.SlaClocks;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Ticket lifecycle events start and stop SLA clocks. */
@ApplicationScoped
public class TicketEventsConsumer {

    private final IdempotentConsumer consumer;
    private final SlaClocks clocks;

    TicketEventsConsumer(IdempotentConsumer consumer, SlaClocks clocks) {
        this.consumer = consumer;
        this.clocks = clocks;
    }

    @Incoming("ticket-events")
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("ticket-events", records, event -> {
            if (EventTypes.TICKET_OPENED.equals(event.type())) {
                return clocks.ticketOpened(event.payload(TicketOpened.class));
            }
            if (EventTypes.TICKET_COMMENTED.equals(event.type())) {
                return clocks.ticketCommented(event.payload(TicketCommented.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
