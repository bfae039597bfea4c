package io.tierline.ticket.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.TicketAlertUpdated;
import io.tierline.platform.inbox.TransientFailures;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.domain.TicketStatus;
import io.tierline.ticket.service.CustomerService;
import io.tierline.ticket.service.TicketEvents;
import io.tierline.ticket.service.TicketService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns alerts into tickets, deduplicated: while a ticket opened for an alert is open and its source has not
 * resolved the alert, the same dedup key (per customer) updates it instead of opening another; once the source
 * resolves it, the alert firing again opens a new ticket (and so pages again). A batch of alerts (one Alertmanager
 * notification) is applied in one transaction, so a redelivered batch finds its tickets and changes only what is
 * new: an Alertmanager alert re-sent with the start already counted is the same firing, not another occurrence.
 */
@ApplicationScoped
public class IncidentIntake {

    static final String OPEN_DEDUP_INDEX = "ticket_open_dedup";
    private static final List<TicketStatus> CLOSED = List.of(TicketStatus.RESOLVED, TicketStatus.CLOSED);

    private final TicketService tickets;
    private final TicketEvents events;
    private final Clock clock;
    private final MeterRegistry registry;

    IncidentIntake(TicketService tickets, TicketEvents events, Clock clock, MeterRegistry registry) {
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
        this.registry = registry;
    }

    /** @param caller who reports it (a token's principal, or an integration key's holder): opens what it opens */
    public Uni<IntakeResult> receive(Incident incident, String caller) {
        return receive(List.of(incident), caller).map(results -> results.get(0));
    }

    public Uni<List<IntakeResult>> receive(List<Incident> incidents, String caller) {
        // Two first alerts with one dedup key racing each other: the loser hits the unique index and, retried, finds
        // the winner's ticket and counts an occurrence. A ticket changed meanwhile by another writer (routing) is
        // retried the same way. A deadlock is retried all the same.
        return Panache.withTransaction(() -> receiveWithin(incidents, caller))
                .onFailure(IncidentIntake::lostRace).retry().withBackOff(Duration.ofMillis(20)).atMost(3)
                // counted once committed, not once per attempt
                .invoke(results -> count(incidents, results));
    }

    /**
     * Applies the alerts in the caller's transaction, for a caller that commits more with them (an idempotent
     * consumer records the event's id). A lost race fails it: only the caller can run its transaction again (a
     * statement retried inside a failed transaction fails too). Nothing is counted; the caller calls
     * {@link #count} once its transaction has committed.
     */
    public Uni<List<IntakeResult>> receiveWithin(List<Incident> incidents, String caller) {
        // Batches lock their tickets in dedup-key order, so two batches naming the same alerts in different orders
        // wait for each other instead of deadlocking.
        // positions in the request, in the order they are applied (a stable sort keeps one key's actions in order)
        List<Integer> order = IntStream.range(0, incidents.size()).boxed()
                .sorted(Comparator.comparing(i -> incidents.get(i).dedupKey(),
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return Multi.createFrom().iterable(order)
                .map(incidents::get)
                // the customer must exist, whatever the alert says (a JWT caller names it)
                .onItem().call(incident -> CustomerService.named(incident.customerId()))
                .onItem().transformToUniAndConcatenate(incident -> apply(incident, caller))
                .collect().asList()
                .map(applied -> {
                    IntakeResult[] results = new IntakeResult[applied.size()];
                    for (int k = 0; k < applied.size(); k++) {
                        results[order.get(k)] = applied.get(k);
                    }
                    return List.of(results);
                });
    }

    /** Counts what a committed intake did, per alert: its source and outcome, and the tickets it opened. */
    public void count(List<Incident> incidents, List<IntakeResult> results) {
        for (int i = 0; i < results.size(); i++) {
            Incident incident = incidents.get(i);
            IntakeResult.Outcome outcome = results.get(i).outcome();
            registry.counter("tierline.intake.alerts", "source", incident.source(), "outcome", outcome.name())
                    .increment();
            if (outcome == IntakeResult.Outcome.OPENED) {
                tickets.countOpened(incident.severity(), incident.source());
            }
        }
    }

    private Uni<IntakeResult> apply(Incident incident, String caller) {
        return openTicket(incident).flatMap(open -> {
            if (incident.action() == AlertAction.TRIGGER && open == null) {
                return tickets.openWithin(new TicketService.NewTicket(incident.customerId(), incident.severity(),
                                incident.title(), incident.description(), incident.source(), incident.dedupKey(),
                                incident.startsAt(), caller))
                        .map(t -> new IntakeResult(IntakeResult.Outcome.OPENED, t.id, incident.dedupKey()));
            }
            if (open == null) {
                return Uni.createFrom().item(new IntakeResult(IntakeResult.Outcome.IGNORED, null,
                        incident.dedupKey()));
            }
            return update(open, incident);
        });
    }

    private Uni<IntakeResult> update(Ticket ticket, Incident incident) {
        Instant now = clock.instant();
        if (incident.action() == AlertAction.TRIGGER && ticket.isCountedFiring(incident.startsAt())) {
            // Alertmanager repeating a firing group: nothing happened that the ticket does not show already
            return Uni.createFrom().item(new IntakeResult(IntakeResult.Outcome.RESENT, ticket.id,
                    incident.dedupKey()));
        }
        IntakeResult.Outcome outcome = switch (incident.action()) {
            case TRIGGER -> IntakeResult.Outcome.RECURRED;
            case ACKNOWLEDGE -> IntakeResult.Outcome.ACKNOWLEDGED;
            case RESOLVE -> IntakeResult.Outcome.RESOLVED;
        };
        if (incident.action() == AlertAction.TRIGGER) {
            ticket.recurred(incident.startsAt(), now);
        } else if (incident.action() == AlertAction.RESOLVE) {
            ticket.alertResolved(now);
        }
        return events.emit(new TicketAlertUpdated(ticket.id, incident.source(), incident.dedupKey(),
                        incident.action().name(), ticket.occurrences, incident.title(), now))
                .replaceWith(new IntakeResult(outcome, ticket.id, incident.dedupKey()));
    }

    private Uni<Ticket> openTicket(Incident incident) {
        if (incident.dedupKey() == null) {
            return Uni.createFrom().nullItem();
        }
        // locked: concurrent repeats of one alert count their occurrences one after another
        return Ticket.<Ticket>find("customerId = ?1 and dedupKey = ?2 and alertResolvedAt is null and status not in ?3",
                        incident.customerId(), incident.dedupKey(), CLOSED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private static boolean lostRace(Throwable failure) {
        if (TransientFailures.isTransactionConflict(failure)) {
            return true; // a deadlock
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException
                    || t.getMessage() != null && t.getMessage().contains(OPEN_DEDUP_INDEX)) {
                return true;
            }
        }
        return false;
    }
}
