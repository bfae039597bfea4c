package io.tierline.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventCatalog;
import io.tierline.contracts.events.Event;
import io.tierline.platform.commit.CommitSignals;
import io.tierline.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Records an event in the outbox. Call it inside the transaction that makes the change the event announces:
 * both commit together or neither does. The {@link OutboxRelay} publishes it right after the commit (woken by
 * {@link CommitSignals}).
 */
@ApplicationScoped
public class Outbox {

    private final PlatformConfig config;
    private final Clock clock;
    private final CommitSignals signals;

    Outbox(PlatformConfig config, Clock clock, CommitSignals signals) {
        this.config = config;
        this.clock = clock;
        this.signals = signals;
    }

    /** Adds the event to the current transaction and returns its envelope (for example to record it locally). */
    public Uni<CloudEvent> emit(Event payload) {
        CloudEvent event = CloudEvent.of(config.eventSource(), payload, clock.instant());
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.topic = EventCatalog.of(payload).topic();
        row.messageKey = event.subject();
        row.eventType = event.type();
        row.source = event.source();
        row.subject = event.subject();
        row.eventTime = event.time();
        row.payload = event.data();
        row.createdAt = event.time();
        signals.written(CommitSignals.Work.OUTBOX);
        return row.persist().replaceWith(event);
    }
}
