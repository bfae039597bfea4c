package io.tierline.ticket.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Severity;
import io.tierline.contracts.events.TicketAlertUpdated;
import io.tierline.contracts.events.TicketEvent;
import io.tierline.platform.batch.Coalescer;
import io.tierline.platform.batch.Coalescers;
import io.tierline.platform.inbox.TransientFailures;
import io.tierline.ticket.config.TicketConfig;
import io.tierline.ticket.domain.Customer;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.service.CustomerService;
import io.tierline.ticket.service.TicketEvents;
import io.tierline.ticket.service.TicketService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.LockMode;
import org.hibernate.StaleStateException;
import org.hibernate.reactive.common.AffectedEntities;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Turns alerts into tickets, deduplicated: while a ticket opened for an alert is open and its source has not
 * resolved the alert, the same dedup key (per customer) updates it instead of opening another; once the source
 * resolves it, the alert firing again opens a new ticket (and so pages again). A batch of alerts (one Alertmanager
 * notification) is applied in one transaction, so a redelivered batch finds its tickets and changes only what is
 * new: an Alertmanager alert re-sent with the start already counted is the same firing, not another occurrence.
 * <p>
 * A batch is applied set-wise, in six statements however many alerts it holds: one reads its customers, one finds and
 * locks the open tickets of all its dedup keys, one inserts the new tickets, one updates the others, and one each
 * writes the events to the outbox and to the timelines. In between, the alerts are applied in memory in dedup-key
 * order, one after the other, as if each had been received alone: two alerts with one dedup key in one batch see each
 * other's effect (a firing then its resolution opens a ticket and resolves its alert), and the rows and events are
 * those one alert at a time would have written.
 */
@ApplicationScoped
public class IncidentIntake {

    static final String OPEN_DEDUP_INDEX = "ticket_open_dedup";

    /** An alert and who reports it, waiting to be applied with others. */
    private record Reported(Incident incident, String caller) {
    }

    private final TicketService tickets;
    private final TicketEvents events;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Coalescer<Reported, IntakeResult> single;

    IncidentIntake(TicketService tickets, TicketEvents events, Clock clock, MeterRegistry registry,
                   Coalescers coalescers, TicketConfig config) {
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
        this.registry = registry;
        TicketConfig.Intake limits = config.intake();
        this.single = coalescers.create("incident-intake", new Coalescer.Limits(limits.maxBatch(),
                        limits.maxInFlight(), limits.maxWaiting(), limits.retryAfter()),
                batch -> receive(batch.stream().map(Reported::incident).toList(),
                        batch.stream().map(Reported::caller).toList()));
    }

    /**
     * Applies one alert, together with the others that arrive meanwhile (see {@link TicketConfig.Intake}); fails with
     * {@link io.tierline.platform.batch.Overloaded} at once when too many wait.
     *
     * @param caller who reports it (a token's principal, or an integration key's holder): opens what it opens
     */
    public Uni<IntakeResult> receive(Incident incident, String caller) {
        return single.submit(new Reported(incident, caller));
    }

    public Uni<List<IntakeResult>> receive(List<Incident> incidents, String caller) {
        return receive(incidents, Collections.nCopies(incidents.size(), caller));
    }

    private Uni<List<IntakeResult>> receive(List<Incident> incidents, List<String> callers) {
        // Two first alerts with one dedup key racing each other: the loser hits the unique index and, retried, finds
        // the winner's ticket and counts an occurrence. A ticket changed meanwhile by another writer (routing) is
        // retried the same way. A deadlock is retried all the same.
        return Panache.withTransaction(() -> receiveWithin(incidents, callers))
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
        return receiveWithin(incidents, Collections.nCopies(incidents.size(), caller));
    }

    private Uni<List<IntakeResult>> receiveWithin(List<Incident> incidents, List<String> callers) {
        // positions in the request, in the order they are applied (a stable sort keeps one key's actions in order)
        List<Integer> order = IntStream.range(0, incidents.size()).boxed()
                .sorted(Comparator.comparing(i -> incidents.get(i).dedupKey(),
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return Panache.getSession().flatMap(session -> customers(session, incidents, order)
                .flatMap(customers -> lockOpen(session, incidents)
                        .flatMap(open -> {
                            Batch batch = new Batch(customers, open, incidents.size());
                            for (int position : order) {
                                batch.apply(position, incidents.get(position), callers.get(position));
                            }
                            return write(session, batch);
                        })));
    }

    /** Counts what a committed intake did, per alert: its source and outcome, and the tickets it opened. */
    public void count(List<Incident> incidents, List<IntakeResult> results) {
        Map<List<String>, Integer> alerts = new HashMap<>();
        Map<List<String>, Integer> opened = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            Incident incident = incidents.get(i);
            IntakeResult.Outcome outcome = results.get(i).outcome();
            alerts.merge(List.of(incident.source(), outcome.name()), 1, Integer::sum);
            if (outcome == IntakeResult.Outcome.OPENED) {
                opened.merge(List.of(incident.severity().name(), incident.source()), 1, Integer::sum);
            }
        }
        alerts.forEach((tags, n) -> registry.counter("tierline.intake.alerts", "source", tags.get(0),
                "outcome", tags.get(1)).increment(n));
        opened.forEach((tags, n) -> tickets.countOpened(Severity.valueOf(tags.get(0)), tags.get(1), n));
    }

    /** One alert's ticket: the customer and the dedup key that name it while it is open. */
    private record Key(UUID customerId, String dedupKey) {
    }

    /**
     * The customers the alerts name, each read once; the first alert (in the order they are applied) that names an
     * unknown one fails the batch with a 422, whatever it says (a JWT caller names the customer).
     */
    private static Uni<Map<UUID, Customer>> customers(Mutiny.Session session, List<Incident> incidents,
                                                      List<Integer> order) {
        List<UUID> ids = order.stream().map(i -> incidents.get(i).customerId()).distinct().toList();
        return session.find(Customer.class, ids.toArray()).map(found -> {
            Map<UUID, Customer> customers = new HashMap<>();
            for (Customer customer : found) {
                if (customer != null) {
                    customers.put(customer.id, customer);
                }
            }
            for (UUID id : ids) {
                if (!customers.containsKey(id)) {
                    throw CustomerService.unknown(id);
                }
            }
            return customers;
        });
    }

    /**
     * The open tickets of the alerts' dedup keys, their rows locked until the transaction ends, so concurrent repeats
     * of one alert count their occurrences one after another. They are locked in dedup-key order, so two batches
     * naming the same alerts in different orders wait for each other instead of deadlocking (a deadlock left is
     * retried). Each is read as far as an alert changes it, into a {@link Ticket} the session does not manage (the
     * changes are written by {@link #updateAlerts}). A query of the entity, not native SQL, with one array parameter
     * per column: Hibernate plans it once, where a native select added a plan to its cache per call.
     */
    private static Uni<Map<Key, Ticket>> lockOpen(Mutiny.Session session, List<Incident> incidents) {
        List<Key> keys = incidents.stream().filter(incident -> incident.dedupKey() != null)
                .map(incident -> new Key(incident.customerId(), incident.dedupKey())).distinct().toList();
        if (keys.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        UUID[] customerIds = keys.stream().map(Key::customerId).distinct().toArray(UUID[]::new);
        String[] dedupKeys = keys.stream().map(Key::dedupKey).distinct().toArray(String[]::new);
        Set<Key> wanted = Set.copyOf(keys);
        return session.createSelectionQuery("""
                        select t.id, t.customerId, t.dedupKey, t.occurrences, t.alertStartsAt from Ticket t
                        where array_contains(:keys, t.dedupKey) and array_contains(:customers, t.customerId)
                          and t.alertResolvedAt is null
                          and t.status not in (io.tierline.ticket.domain.TicketStatus.RESOLVED,
                                               io.tierline.ticket.domain.TicketStatus.CLOSED)
                        order by t.dedupKey, t.customerId""", Object[].class)
                .setParameter("keys", dedupKeys)
                .setParameter("customers", customerIds)
                .setLockMode("t", LockMode.PESSIMISTIC_WRITE)
                .getResultList()
                .map(rows -> {
                    Map<Key, Ticket> open = new HashMap<>();
                    for (Object[] row : rows) {
                        Key key = new Key((UUID) row[1], (String) row[2]);
                        if (!wanted.contains(key)) {
                            continue; // another customer's alert with the same dedup key: locked, left alone
                        }
                        Ticket ticket = new Ticket();
                        ticket.id = (UUID) row[0];
                        ticket.customerId = key.customerId();
                        ticket.dedupKey = key.dedupKey();
                        ticket.occurrences = ((Number) row[3]).intValue();
                        ticket.alertStartsAt = (Instant) row[4];
                        open.put(key, ticket);
                    }
                    return open;
                });
    }

    /**
     * Writes what the alerts changed on tickets that were open before the batch, in one statement: the same values
     * the entities' updates would write, and their version counted up once for each change.
     */
    private static Uni<Void> updateAlerts(Mutiny.Session session, Map<Ticket, Integer> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = changed.size();
        String[][] columns = new String[6][size];
        int i = 0;
        for (Map.Entry<Ticket, Integer> change : changed.entrySet()) {
            Ticket t = change.getKey();
            String[] row = {t.id.toString(), String.valueOf(t.occurrences), text(t.alertStartsAt),
                    text(t.alertResolvedAt), text(t.updatedAt), String.valueOf(change.getValue())};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
            i++;
        }
        return session.createNativeQuery("""
                        update ticket t
                        set occurrences = cast(u.occurrences as integer),
                            alert_starts_at = cast(u.alert_starts_at as timestamptz),
                            alert_resolved_at = cast(u.alert_resolved_at as timestamptz),
                            updated_at = cast(u.updated_at as timestamptz),
                            version = t.version + cast(u.changes as integer)
                        from unnest(cast(:ids as text[]), cast(:occurrences as text[]), cast(:starts as text[]),
                                    cast(:resolved as text[]), cast(:updated as text[]), cast(:changes as text[]))
                             as u(id, occurrences, alert_starts_at, alert_resolved_at, updated_at, changes)
                        where t.id = cast(u.id as uuid)""", new AffectedEntities(Ticket.class))
                .setParameter("ids", columns[0])
                .setParameter("occurrences", columns[1])
                .setParameter("starts", columns[2])
                .setParameter("resolved", columns[3])
                .setParameter("updated", columns[4])
                .setParameter("changes", columns[5])
                .executeUpdate()
                .replaceWithVoid();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The alerts of a batch applied in memory, one after the other: what to write, and what each alert did. */
    private final class Batch {

        private final Map<UUID, Customer> customers;
        /** The ticket each dedup key names now, as the alerts applied so far left it. */
        private final Map<Key, Ticket> open;
        private final List<Ticket> opened = new ArrayList<>();
        /** How many times the alerts changed each ticket, new or open before (new ones are inserted as they end). */
        private final Map<Ticket, Integer> changes = new IdentityHashMap<>();
        /** The events of the batch, in the order the alerts were applied. */
        private final List<TicketEvent> emitted = new ArrayList<>();
        /** What each alert did, by its position in the request. */
        private final IntakeResult[] results;

        Batch(Map<UUID, Customer> customers, Map<Key, Ticket> open, int alerts) {
            this.customers = customers;
            this.open = open;
            this.results = new IntakeResult[alerts];
        }

        void apply(int position, Incident incident, String caller) {
            Key key = incident.dedupKey() == null ? null : new Key(incident.customerId(), incident.dedupKey());
            Ticket ticket = key == null ? null : open.get(key);
            if (incident.action() == AlertAction.TRIGGER && ticket == null) {
                TicketService.Opening opening = tickets.opening(new TicketService.NewTicket(incident.customerId(),
                        incident.severity(), incident.title(), incident.description(), incident.source(),
                        incident.dedupKey(), incident.startsAt(), caller),
                        customers.get(incident.customerId()), clock.instant());
                opened.add(opening.ticket());
                emitted.add(opening.opened());
                if (key != null) {
                    open.put(key, opening.ticket());
                }
                result(position, IntakeResult.Outcome.OPENED, opening.ticket(), incident);
            } else if (ticket == null) {
                result(position, IntakeResult.Outcome.IGNORED, null, incident);
            } else {
                update(position, ticket, key, incident);
            }
        }

        private void update(int position, Ticket ticket, Key key, Incident incident) {
            Instant now = clock.instant();
            if (incident.action() == AlertAction.TRIGGER && ticket.isCountedFiring(incident.startsAt())) {
                // Alertmanager repeating a firing group: nothing happened that the ticket does not show already
                result(position, IntakeResult.Outcome.RESENT, ticket, incident);
                return;
            }
            IntakeResult.Outcome outcome = switch (incident.action()) {
                case TRIGGER -> IntakeResult.Outcome.RECURRED;
                case ACKNOWLEDGE -> IntakeResult.Outcome.ACKNOWLEDGED;
                case RESOLVE -> IntakeResult.Outcome.RESOLVED;
            };
            if (incident.action() == AlertAction.TRIGGER) {
                ticket.recurred(incident.startsAt(), now);
                changes.merge(ticket, 1, Integer::sum);
            } else if (incident.action() == AlertAction.RESOLVE) {
                ticket.alertResolved(now);
                changes.merge(ticket, 1, Integer::sum);
                // its dedup key is free: the alert's next firing opens a new ticket
                open.remove(key);
            }
            emitted.add(new TicketAlertUpdated(ticket.id, incident.source(), incident.dedupKey(),
                    incident.action().name(), ticket.occurrences, incident.title(), now));
            result(position, outcome, ticket, incident);
        }

        private void result(int position, IntakeResult.Outcome outcome, Ticket ticket, Incident incident) {
            results[position] = new IntakeResult(outcome, ticket == null ? null : ticket.id, incident.dedupKey());
        }

        List<IntakeResult> results() {
            return List.of(results);
        }
    }

    /**
     * Writes what the batch did, in four statements however many alerts it held: the new tickets, the changes to the
     * others, then the events and their timeline entries in the order the alerts were applied. A new ticket the batch
     * changed too is inserted as it ended, its version counting the changes as separate writes would have.
     */
    private Uni<List<IntakeResult>> write(Mutiny.Session session, Batch batch) {
        Map<Ticket, Integer> changedBefore = new IdentityHashMap<>(batch.changes);
        for (Ticket ticket : batch.opened) {
            Integer changes = changedBefore.remove(ticket);
            if (changes != null) {
                ticket.version += changes;
            }
        }
        return TicketService.insertOpened(batch.opened)
                .call(() -> updateAlerts(session, changedBefore))
                .call(() -> events.emitAll(batch.emitted))
                .map(ignored -> batch.results());
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
