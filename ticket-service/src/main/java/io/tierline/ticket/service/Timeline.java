package io.tierline.ticket.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.ticket.domain.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

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
