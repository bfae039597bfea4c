package io.tierline.platform.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventCatalog;
import io.tierline.contracts.events.Event;
import io.tierline.platform.commit.CommitSignals;
import io.tierline.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.common.AffectedEntities;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Adds the events to the current transaction in one statement, and returns their envelopes in the order given.
     * Their rows take their ids in that order, so the relay publishes them in it, as if each had been
     * {@linkplain #emit emitted} in turn.
     */
    public Uni<List<CloudEvent>> emitAll(List<? extends Event> payloads) {
        if (payloads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int size = payloads.size();
        List<CloudEvent> events = new ArrayList<>(size);
        String[] ids = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] subjects = new String[size];
        String[] times = new String[size];
        String[] data = new String[size];
        for (int i = 0; i < size; i++) {
            Event payload = payloads.get(i);
            CloudEvent event = CloudEvent.of(config.eventSource(), payload, clock.instant());
            events.add(event);
            ids[i] = event.id().toString();
            topics[i] = EventCatalog.of(payload).topic();
            keys[i] = event.subject();
            types[i] = event.type();
            subjects[i] = event.subject();
            times[i] = event.time().toString();
            data[i] = event.data();
        }
        signals.written(CommitSignals.Work.OUTBOX);
        // one row per array position, in position order: the identity column numbers them in that order
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into outbox (event_id, topic, message_key, event_type, source, subject, event_time,
                                            payload, created_at)
                        select cast(e.event_id as uuid), e.topic, e.message_key, e.event_type, :source, e.subject,
                               cast(e.event_time as timestamptz), e.payload, cast(e.event_time as timestamptz)
                        from unnest(cast(:ids as text[]), cast(:topics as text[]), cast(:keys as text[]),
                                    cast(:types as text[]), cast(:subjects as text[]), cast(:times as text[]),
                                    cast(:data as text[]))
                             with ordinality as e(event_id, topic, message_key, event_type, subject, event_time,
                                                  payload, position)
                        order by e.position""", new AffectedEntities(OutboxEvent.class))
                        .setParameter("source", config.eventSource())
                        .setParameter("ids", ids)
                        .setParameter("topics", topics)
                        .setParameter("keys", keys)
                        .setParameter("types", types)
                        .setParameter("subjects", subjects)
                        .setParameter("times", times)
                        .setParameter("data", data)
                        .executeUpdate())
                .replaceWith(events);
    }
}
