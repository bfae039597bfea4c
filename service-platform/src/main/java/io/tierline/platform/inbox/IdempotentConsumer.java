package io.tierline.platform.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventCatalog;
import io.tierline.contracts.InvalidEventException;
import io.tierline.platform.commit.CommitSignals;
import io.tierline.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies a received event at most once: the handler's changes and the record of the event's {@code ce_id} commit
 * in one transaction, so a redelivered event finds its id and changes nothing. A record that can never be
 * processed fails at once (and lands in the channel's dead-letter topic). A database that cannot be reached (down,
 * restarting, out of connections) or a lost serialization race is waited for and retried until it passes, with a
 * growing backoff: the record is valid, and dead-lettering it would lose it. Any other failure is retried a few
 * times, then dead-lettered. A failure while the service stops leaves the record for redelivery.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final PlatformConfig.Consumer config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final CommitSignals signals;
    private final DeadLetters deadLetters;
    private volatile boolean stopping;

    IdempotentConsumer(PlatformConfig config, Clock clock, MeterRegistry registry, CommitSignals signals,
                       DeadLetters deadLetters) {
        this.config = config.consumer();
        this.clock = clock;
        this.registry = registry;
        this.signals = signals;
        this.deadLetters = deadLetters;
    }

    /**
     * Applies a batch of records (one poll of a channel consumed with {@code batch=true}) in one transaction: one
     * query finds the events already applied, the rest are applied in order and recorded, and the batch commits
     * once, so a burst costs a commit per batch instead of per event. A record that is not a valid event is parked
     * in the dead-letter topic at once. When the batch fails for another reason than the database (which is waited
     * for, as for one record), it is rolled back and its records applied one at a time ({@link #apply}, with its
     * retries), so a poison record reaches the dead-letter topic alone and the others are applied. While the service
     * stops, a failed batch is left unacknowledged for redelivery.
     */
    public Uni<Void> applyAll(String channel, Iterable<ConsumerRecord<String, String>> records,
                              Function<CloudEvent, Uni<Void>> handler) {
        List<ConsumerRecord<String, String>> valid = new ArrayList<>();
        List<CloudEvent> events = new ArrayList<>();
        Uni<Void> parked = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(read(record));
                valid.add(record);
            } catch (InvalidEventException e) {
                registry.counter("tierline.events.rejected", "channel", channel).increment();
                LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
                parked = parked.call(() -> deadLetters.park(channel, record, e));
            }
        }
        if (events.isEmpty()) {
            return parked;
        }
        if (events.size() == 1) {
            return parked.call(() -> apply(channel, valid.get(0), handler)
                    .onFailure(failure -> !stopping).recoverWithUni(failure ->
                            deadLetters.park(channel, valid.get(0), failure)));
        }
        return parked.call(() -> applyBatch(channel, events, handler)
                .onFailure(this::waitsForDatabase).invoke(failure -> {
                    registry.counter("tierline.events.retried", "channel", channel).increment();
                    LOG.warnf("A batch of %d events from %s waits for the database: %s", events.size(), channel,
                            failure.toString());
                })
                .onFailure(this::waitsForDatabase)
                .retry().withBackOff(config.retryBackoff(), config.maxRetryBackoff()).indefinitely()
                .onFailure().recoverWithUni(failure -> {
                    if (stopping) {
                        LOG.infof("A batch of %d events from %s is left for redelivery: the service is stopping (%s)",
                                events.size(), channel, failure.toString());
                        return Uni.createFrom().nothing();
                    }
                    LOG.infof("A batch of %d events from %s failed (%s); applying them one at a time", events.size(),
                            channel, failure.toString());
                    return oneByOne(channel, valid, handler);
                }));
    }

    private Uni<Void> applyBatch(String channel, List<CloudEvent> events, Function<CloudEvent, Uni<Void>> handler) {
        List<CloudEvent> applied = new ArrayList<>();
        return Panache.withTransaction(() -> {
                    // a retried attempt starts afresh
                    signals.rolledBack();
                    applied.clear();
                    List<UUID> ids = events.stream().map(CloudEvent::id).toList();
                    return ProcessedEvent.<ProcessedEvent>list("eventId in ?1", ids).flatMap(seen -> {
                        Set<UUID> done = new HashSet<>();
                        seen.forEach(processed -> done.add(processed.eventId));
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (CloudEvent event : events) {
                            // an event seen before, or twice in this batch, is applied once
                            if (done.add(event.id())) {
                                chain = chain.call(() -> applyOnce(channel, event, handler)
                                        .invoke(() -> applied.add(event)));
                            }
                        }
                        return chain;
                    });
                })
                .invoke(() -> {
                    signals.committed();
                    for (CloudEvent event : applied) {
                        registry.counter("tierline.events.applied", "channel", channel, "type", event.type())
                                .increment();
                    }
                    int duplicates = events.size() - applied.size();
                    if (duplicates > 0) {
                        registry.counter("tierline.events.duplicates", "channel", channel).increment(duplicates);
                    }
                });
    }

    /** The batch's records one at a time, in order; one that keeps failing is parked and the next one applied. */
    private Uni<Void> oneByOne(String channel, List<ConsumerRecord<String, String>> records,
                               Function<CloudEvent, Uni<Void>> handler) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : records) {
            chain = chain.call(() -> apply(channel, record, handler)
                    .onFailure(failure -> !stopping)
                    .recoverWithUni(failure -> deadLetters.park(channel, record, failure)));
        }
        return chain;
    }

    private static CloudEvent read(ConsumerRecord<String, String> record) {
        CloudEvent event = CloudEvent.from(record.headers(), record.value());
        if (EventCatalog.byType(event.type()).isEmpty()) {
            throw new InvalidEventException("unknown ce_type '" + event.type() + "'");
        }
        return event;
    }

    /**
     * @param channel the incoming channel, recorded with the event and used in metrics
     * @param handler applies the event inside the transaction; for a known type it does not handle it returns an
     *                empty Uni
     */
    public Uni<Void> apply(String channel, ConsumerRecord<String, String> record,
                           Function<CloudEvent, Uni<Void>> handler) {
        CloudEvent event;
        try {
            event = read(record);
        } catch (InvalidEventException e) {
            registry.counter("tierline.events.rejected", "channel", channel).increment();
            LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> Uni.createFrom().voidItem()
                        // a retried attempt starts afresh: what a failed one asked for after its commit is dropped
                        .invoke(signals::rolledBack)
                        .flatMap(ignored -> ProcessedEvent.<ProcessedEvent>findById(event.id()))
                        .flatMap(seen -> seen != null ? duplicate(event) : applyOnce(channel, event, handler)))
                // committed: count it once, and wake whoever waits for what it wrote
                .invoke(applied -> {
                    signals.committed();
                    if (applied) {
                        registry.counter("tierline.events.applied", "channel", channel, "type", event.type())
                                .increment();
                    } else {
                        registry.counter("tierline.events.duplicates", "channel", channel).increment();
                    }
                })
                // the database is down or restarting: wait for it, however long, rather than lose a valid event
                .onFailure(this::waitsForDatabase).invoke(failure -> {
                    registry.counter("tierline.events.retried", "channel", channel).increment();
                    LOG.warnf("Event %s (%s) from %s waits for the database: %s", event.id(), event.type(), channel,
                            failure.toString());
                })
                .onFailure(this::waitsForDatabase)
                .retry().withBackOff(config.retryBackoff(), config.maxRetryBackoff()).indefinitely()
                .onFailure(failure -> !(failure instanceof InvalidEventException) && !stopping)
                .retry().withBackOff(config.retryBackoff()).atMost(config.maxAttempts() - 1L)
                .onFailure().recoverWithUni(failure -> settle(channel, event, failure).replaceWith(false))
                .replaceWithVoid();
    }

    /** A passing database condition, worth waiting out; not once the service is stopping. */
    private boolean waitsForDatabase(Throwable failure) {
        return TransientFailures.isTransient(failure) && !stopping;
    }

    /**
     * The end of a failed event: an invalid one, or one its handler keeps failing on, goes to the dead-letter topic.
     * One that fails while the service shuts down (its database gone, or closing) is neither acknowledged nor
     * dead-lettered: its offset is not committed, so it is delivered again after the restart.
     */
    private Uni<Void> settle(String channel, CloudEvent event, Throwable failure) {
        if (failure instanceof InvalidEventException) {
            registry.counter("tierline.events.rejected", "channel", channel).increment();
            LOG.warnf("Dead-lettering %s %s from %s: %s", event.type(), event.id(), channel, failure.getMessage());
            return Uni.createFrom().failure(failure);
        }
        if (stopping) {
            LOG.infof("Event %s (%s) from %s is left for redelivery: the service is stopping (%s)", event.id(),
                    event.type(), channel, failure.toString());
            return Uni.createFrom().nothing();
        }
        LOG.warnf("Dead-lettering %s %s from %s after %d attempts: %s", event.type(), event.id(), channel,
                config.maxAttempts(), failure.toString());
        return Uni.createFrom().failure(failure);
    }

    void start(@Observes StartupEvent event) {
        stopping = false;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private Uni<Boolean> duplicate(CloudEvent event) {
        LOG.debugf("Skipping redelivered event %s (%s)", event.id(), event.type());
        return Uni.createFrom().item(false);
    }

    private Uni<Boolean> applyOnce(String channel, CloudEvent event, Function<CloudEvent, Uni<Void>> handler) {
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = event.id();
        processed.channel = channel;
        processed.eventType = event.type();
        processed.processedAt = clock.instant();
        return handler.apply(event)
                .call(processed::persist)
                .replaceWith(true);
    }
}
