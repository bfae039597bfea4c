package io.tierline.platform.timer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The durable timer mechanism on a real PostgreSQL: fires once, on time, late when overdue, retried on failure. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class DurableTimerTest {

    /** Records what fired; "retry:" keys re-schedule themselves once, "flaky:" keys fail on their first attempt. */
    @ApplicationScoped
    public static class RecordingHandler implements TimerHandler {
        final List<FiredTimer> fired = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<String> committed = new CopyOnWriteArrayList<>();
        @Inject
        Timers timers;

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public Uni<Void> fire(FiredTimer timer) {
            int call = calls.computeIfAbsent(timer.key(), k -> new AtomicInteger()).incrementAndGet();
            if (timer.key().startsWith("flaky:") && call == 1) {
                return Uni.createFrom().failure(new IllegalStateException("first attempt fails"));
            }
            if (timer.key().startsWith("retry:") && call == 1) {
                return timers.schedule("test", timer.key(), timer.firedAt().plusMillis(300), "again");
            }
            fired.add(timer);
            return Uni.createFrom().voidItem();
        }

        @Override
        public void committed(FiredTimer timer) {
            committed.add(timer.key());
        }

        /** The keys whose firing committed, in order (read through this method: the bean is proxied). */
        List<String> committedKeys() {
            return List.copyOf(committed);
        }

        int calls(String key) {
            AtomicInteger count = calls.get(key);
            return count == null ? 0 : count.get();
        }

        List<FiredTimer> firedFor(String key) {
            return fired.stream().filter(t -> t.key().equals(key)).toList();
        }
    }

    @Inject
    RecordingHandler handler;

    @Inject
    Timers timers;

    private void schedule(String key, Instant dueAt, String payload) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                timers.schedule("test", key, dueAt, payload)));
    }

    @Test
    void shouldFireOnTimeWithItsPayloadAndOnlyOnce() throws Throwable {
        Instant due = Instant.now().plusMillis(700);
        schedule("on-time", due, "{\"x\":1}");

        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.firedFor("on-time").isEmpty());
        FiredTimer fired = handler.firedFor("on-time").get(0);
        assertThat(fired.payload()).isEqualTo("{\"x\":1}");
        assertThat(fired.late()).isFalse();
        assertThat(Duration.between(due, fired.firedAt())).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> handler.firedFor("on-time").size() == 1);
    }

    @Test
    void shouldMarkATimerThatWasOverdueAsLate() throws Throwable {
        schedule("overdue", Instant.now().minusSeconds(30), null);

        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.firedFor("overdue").isEmpty());
        assertThat(handler.firedFor("overdue").get(0).late()).isTrue();
    }

    @Test
    void shouldKeepATimerItsHandlerRescheduled() throws Throwable {
        schedule("retry:1", Instant.now(), "first");

        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.firedFor("retry:1").isEmpty());
        assertThat(handler.calls("retry:1")).isEqualTo(2);
        assertThat(handler.firedFor("retry:1").get(0).payload()).isEqualTo("again");
    }

    @Test
    void shouldRetryAFailedHandlerAndMeasureLatenessFromTheOriginalDeadline() throws Throwable {
        Instant due = Instant.now();
        schedule("flaky:1", due, null);

        await().atMost(Duration.ofSeconds(5)).until(() -> !handler.firedFor("flaky:1").isEmpty());
        assertThat(handler.calls("flaky:1")).isEqualTo(2);
        FiredTimer retried = handler.firedFor("flaky:1").get(0);
        assertThat(retried.dueAt()).isEqualTo(due.truncatedTo(ChronoUnit.MICROS));
        assertThat(retried.firedAt()).isAfterOrEqualTo(due.plusMillis(100));
    }

    @Test
    void shouldFireABatchWhoseOneTimerFailsOnceEachAfterItsCommit() throws Throwable {
        // due together, so workers claim them in batches; the flaky one rolls its batch back once
        Instant due = Instant.now().minusMillis(10);
        List<String> keys = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "batch:" + i).toList();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Uni<Void> all = timers.schedule("test", "flaky:batch", due, null);
            for (String key : keys) {
                all = all.call(() -> timers.schedule("test", key, due, null));
            }
            return all;
        }));

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.committedKeys().contains("flaky:batch")
                && handler.committedKeys().containsAll(keys));
        // committed once each: a batch rolled back by the flaky timer committed none of its timers' work
        assertThat(handler.committedKeys().stream().filter(k -> k.startsWith("batch:"))).hasSize(keys.size())
                .doesNotHaveDuplicates();
        assertThat(handler.committedKeys().stream().filter("flaky:batch"::equals)).hasSize(1);
        assertThat(handler.calls("flaky:batch")).isEqualTo(2);
    }

    @Test
    void shouldNotFireACancelledTimer() throws Throwable {
        // due far enough ahead that a busy machine still cancels it first; then watch past its due time
        Instant due = Instant.now().plusSeconds(3);
        schedule("cancelled", due, null);
        Boolean cancelled = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                timers.cancel("test", "cancelled")));

        assertThat(cancelled).isTrue();
        Duration pastDue = Duration.between(Instant.now(), due.plusSeconds(1));
        await().during(pastDue).atMost(pastDue.plusSeconds(2))
                .until(() -> handler.firedFor("cancelled").isEmpty());
    }
}
