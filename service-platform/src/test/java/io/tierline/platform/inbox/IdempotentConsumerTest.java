package io.tierline.platform.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.InvalidEventException;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.platform.config.PlatformConfig;
import io.tierline.testsupport.TierlineInfrastructure;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Each event applied once, on a real PostgreSQL; what is retried, for how long, and what is dead-lettered. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class IdempotentConsumerTest {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    PlatformConfig config;

    @Inject
    InboxCleanup cleanup;

    private static ConsumerRecord<String, String> record(CloudEvent event) {
        return new ConsumerRecord<>("tierline.ticket-events", 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0,
                event.subject(), event.data(), new RecordHeaders(event.headers()), Optional.empty());
    }

    private static CloudEvent opened() {
        UUID ticket = UUID.randomUUID();
        return CloudEvent.of("/tierline/test", new TicketOpened(ticket, UUID.randomUUID(), "Acme", Plan.ENTERPRISE,
                Severity.SEV1, "Checkout down", "api", "dana", Instant.now()), Instant.now());
    }

    /** A handler that fails its first {@code failures} calls with what {@code failure} makes, then succeeds. */
    private static Function<CloudEvent, Uni<Void>> failing(AtomicInteger calls, int failures,
                                                          Function<Integer, Throwable> failure) {
        return event -> {
            int call = calls.incrementAndGet();
            return call <= failures ? Uni.createFrom().failure(failure.apply(call)) : Uni.createFrom().voidItem();
        };
    }

    private Throwable apply(CloudEvent event, Function<CloudEvent, Uni<Void>> handler) {
        return catchThrowable(() -> VertxContextSupport.subscribeAndAwait(() ->
                consumer.apply("test", record(event), handler)));
    }

    private static long processed(CloudEvent event) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                ProcessedEvent.count("eventId", event.id())));
    }

    @Test
    void shouldWaitOutAnUnreachableDatabaseLongerThanItsAttemptsAndApplyTheEventOnce() throws Throwable {
        CloudEvent event = opened();
        AtomicInteger calls = new AtomicInteger();
        int outage = config.consumer().maxAttempts() * 3;
        // the database refuses connections, then restarts (admin shutdown), then answers
        Throwable failure = apply(event, failing(calls, outage, call -> call % 2 == 0
                ? new ConnectException("Connection refused")
                : new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));

        assertThat(failure).isNull();
        assertThat(calls).hasValue(outage + 1);
        assertThat(processed(event)).isEqualTo(1);

        // delivered again: recognised, not applied again
        assertThat(apply(event, failing(calls, 0, call -> null))).isNull();
        assertThat(calls).hasValue(outage + 1);
        assertThat(processed(event)).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAfterItsAttemptsWhenTheHandlerFailsOnTheEvent() throws Throwable {
        CloudEvent event = opened();
        AtomicInteger calls = new AtomicInteger();

        Throwable failure = apply(event, failing(calls, Integer.MAX_VALUE, call -> new IllegalStateException("bug")));

        assertThat(failure).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(config.consumer().maxAttempts());
        assertThat(processed(event)).isZero();
    }

    @Test
    void shouldDeadLetterAtOnceWhatTheHandlerFindsInvalid() throws Throwable {
        CloudEvent event = opened();
        AtomicInteger calls = new AtomicInteger();

        Throwable failure = apply(event, failing(calls, Integer.MAX_VALUE,
                call -> new InvalidEventException("not a valid TicketOpened")));

        assertThat(failure).isInstanceOf(InvalidEventException.class);
        assertThat(calls).hasValue(1);
        assertThat(processed(event)).isZero();
    }

    @Test
    void shouldRecoverFromALostSerializationRaceWithinItsAttempts() throws Throwable {
        CloudEvent event = opened();
        AtomicInteger calls = new AtomicInteger();

        Throwable failure = apply(event, failing(calls, 2,
                call -> new PgException("could not serialize access", "ERROR", "40001", null)));

        assertThat(failure).isNull();
        assertThat(calls).hasValue(3);
        assertThat(processed(event)).isEqualTo(1);
    }

    @Test
    void shouldForgetAnAppliedEventOnlyAfterTheRetentionAndStillRecogniseARecentOne() throws Throwable {
        CloudEvent recent = opened();
        CloudEvent old = opened();
        AtomicInteger calls = new AtomicInteger();
        assertThat(apply(recent, failing(calls, 0, call -> null))).isNull();
        assertThat(apply(old, failing(calls, 0, call -> null))).isNull();
        Instant beyond = Instant.now().minus(config.consumer().dedupRetention()).minus(Duration.ofDays(1));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                ProcessedEvent.update("processedAt = ?1 where eventId = ?2", beyond, old.id())));

        assertThat(cleanup.purge()).isPositive();

        assertThat(processed(old)).isZero();
        assertThat(processed(recent)).isEqualTo(1);
        assertThat(apply(recent, failing(calls, 0, call -> null))).isNull();
        assertThat(calls).as("the recent event is recognised, not applied again").hasValue(2);
    }

    @Test
    void shouldLeaveAnEventThatFailsWhileTheServiceStopsForRedeliveryInsteadOfDeadLetteringIt() throws Throwable {
        CloudEvent event = opened();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        consumer.stop(new ShutdownEvent());
        try {
            VertxContextSupport.subscribe(() -> consumer.apply("test", record(event),
                            failing(calls, Integer.MAX_VALUE, call -> new IllegalStateException("pool closed")))
                    .toMulti(), subscription -> subscription.with(item -> { }, outcome::completeExceptionally,
                    () -> outcome.complete(null)));

            await().atMost(Duration.ofSeconds(5)).untilAtomic(calls, org.hamcrest.Matchers.equalTo(1));
            assertThatThrownBy(() -> outcome.get(500, TimeUnit.MILLISECONDS))
                    .as("neither acknowledged nor failed towards the dead-letter topic")
                    .isInstanceOf(TimeoutException.class);
            assertThat(calls).as("no further attempts while stopping").hasValue(1);
            assertThat(processed(event)).isZero();
        } finally {
            consumer.start(new StartupEvent());
        }
    }

    @Test
    void shouldApplyABatchOnceEachAndParkItsPoisonRecordAloneInTheDeadLetterTopic() throws Throwable {
        CloudEvent first = opened();
        CloudEvent poison = opened();
        CloudEvent last = opened();
        CloudEvent seenBefore = opened();
        AtomicInteger calls = new AtomicInteger();
        assertThat(apply(seenBefore, failing(calls, 0, call -> null))).isNull();
        ConsumerRecord<String, String> broken = new ConsumerRecord<>("tierline.ticket-events", 0, 7L,
                first.subject(), "no envelope");
        java.util.Map<UUID, AtomicInteger> applied = new java.util.concurrent.ConcurrentHashMap<>();
        Function<CloudEvent, Uni<Void>> handler = event -> {
            applied.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            return event.id().equals(poison.id())
                    ? Uni.createFrom().failure(new InvalidEventException("not a valid TicketOpened"))
                    : Uni.createFrom().voidItem();
        };

        // the batch fails on the poison record, is rolled back, and is applied one record at a time
        VertxContextSupport.subscribeAndAwait(() -> consumer.applyAll("test", java.util.List.of(record(first),
                broken, record(poison), record(last), record(first), record(seenBefore)), handler));

        assertThat(processed(first)).isEqualTo(1);
        assertThat(processed(last)).isEqualTo(1);
        assertThat(processed(poison)).isZero();
        assertThat(applied.get(seenBefore.id())).as("applied before: recognised in the batch").isNull();
        try (io.tierline.testsupport.KafkaTestClient kafka = new io.tierline.testsupport.KafkaTestClient(
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("kafka.bootstrap.servers", String.class))) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                java.util.List<ConsumerRecord<String, String>> dead = kafka
                        .readAll("dead-letter-topic-tierline.ticket-events").stream().filter(r -> first.subject().equals(r.key()) || poison.subject().equals(r.key()))
                        .toList();
                assertThat(dead).extracting(r -> io.tierline.testsupport.KafkaTestClient.header(r, "dead-letter-reason"))
                        .hasSize(2).contains("not a valid TicketOpened")
                        .anySatisfy(reason -> assertThat(reason).startsWith("missing header"));
                assertThat(dead).extracting(ConsumerRecord::value).contains("no envelope");
            });
        }
    }
}
