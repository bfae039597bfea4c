package io.tierline.ticket.service;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.TicketEvent;
import io.tierline.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * What ticket-service says about a ticket: each event goes to the outbox (and so to Kafka) and onto the ticket's
 * timeline, in the caller's transaction, so the change, the event and the entry commit together.
 */
@ApplicationScoped
public class TicketEvents {

    private final Outbox outbox;
    private final Timeline timeline;

    TicketEvents(Outbox outbox, Timeline timeline) {
        this.outbox = outbox;
        this.timeline = timeline;
    }

    public Uni<Void> emit(TicketEvent event) {
        return outbox.emit(event).flatMap(timeline::record);
    }

    /** The events in order. */
    public Uni<Void> emit(List<? extends TicketEvent> events) {
        Uni<Void> emitted = Uni.createFrom().voidItem();
        for (TicketEvent event : events) {
            emitted = emitted.flatMap(ignored -> emit(event));
        }
        return emitted;
    }

    /**
     * The events in order, as {@link #emit(List)} writes them, in two statements however many there are: one for
     * their outbox rows, one for their timeline entries.
     */
    public Uni<Void> emitAll(List<? extends TicketEvent> events) {
        return outbox.emitAll(events).flatMap(timeline::recordAll);
    }
}
