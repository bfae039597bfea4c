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
    private volatile boolean stopping;

    IdempotentConsumer(PlatformConfig config, Clock clock, MeterRegistry registry, CommitSignals signals) {
        this.config = config.consumer();
        this.clock = clock;
        this.registry = registry;
        this.signals = signals;
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
            event = CloudEvent.from(record.headers(), record.value());
            if (EventCatalog.byType(event.type()).isEmpty()) {
                throw new InvalidEventException("unknown ce_type '" + event.type() + "'");
            }
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
