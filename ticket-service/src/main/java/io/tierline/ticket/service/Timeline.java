package io.tierline.ticket.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.ticket.domain.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.common.AffectedEntities;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** A ticket's history: every lifecycle event, in the order it happened. */
@ApplicationScoped
public class Timeline {

    /** Records the event; call inside the transaction that applies or emits it. */
    public Uni<Void> record(CloudEvent event) {
        TimelineEntry entry = new TimelineEntry();
        // the summary reads the data as a ticket's event first: anything else is refused before its subject is used
        entry.summary = TimelineSummaries.describe(event);
        entry.ticketId = UUID.fromString(event.subject());
        entry.eventId = event.id();
        entry.eventType = event.type();
        entry.source = event.source();
        entry.occurredAt = event.time();
        entry.data = event.data();
        return entry.persist().replaceWithVoid();
    }

    /**
     * Records the events, in one statement: the same entries {@link #record} makes for each, numbered in the order
     * given. Call it inside the transaction that applies or emits them.
     */
    public Uni<Void> recordAll(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = events.size();
        String[] summaries = new String[size];
        String[] tickets = new String[size];
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] sources = new String[size];
        String[] times = new String[size];
        String[] data = new String[size];
        for (int i = 0; i < size; i++) {
            CloudEvent event = events.get(i);
            // as in record: the summary checks that the data is a ticket's event before its subject is used
            summaries[i] = TimelineSummaries.describe(event);
            tickets[i] = UUID.fromString(event.subject()).toString();
            ids[i] = event.id().toString();
            types[i] = event.type();
            sources[i] = event.source();
            times[i] = event.time().toString();
            data[i] = event.data();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into timeline_entry (ticket_id, event_id, event_type, source, occurred_at, summary, data)
                        select cast(e.ticket_id as uuid), cast(e.event_id as uuid), e.event_type, e.source,
                               cast(e.occurred_at as timestamptz), e.summary, e.data
                        from unnest(cast(:tickets as text[]), cast(:ids as text[]), cast(:types as text[]),
                                    cast(:sources as text[]), cast(:times as text[]), cast(:summaries as text[]),
                                    cast(:data as text[]))
                             with ordinality as e(ticket_id, event_id, event_type, source, occurred_at, summary,
                                                  data, position)
                        order by e.position""", new AffectedEntities(TimelineEntry.class))
                        .setParameter("tickets", tickets)
                        .setParameter("ids", ids)
                        .setParameter("types", types)
                        .setParameter("sources", sources)
                        .setParameter("times", times)
                        .setParameter("summaries", summaries)
                        .setParameter("data", data)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The ticket's latest {@code limit} entries, oldest first. */
    @WithSession
    public Uni<List<TimelineEntry>> of(UUID ticketId, int limit) {
        return TimelineEntry.<TimelineEntry>find("ticketId = ?1 order by occurredAt desc, id desc", ticketId)
                .page(0, limit).list()
                .map(latest -> {
                    List<TimelineEntry> oldestFirst = new ArrayList<>(latest);
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
    }
}
