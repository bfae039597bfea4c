package io.tierline.platform.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescerTest {

    /** Applies batches when the test says so; a request "bad" fails any batch it is in. */
    private static final class Database {
        final List<List<String>> batches = new ArrayList<>();
        final List<CompletableFuture<List<String>>> open = new ArrayList<>();

        Uni<List<String>> apply(List<String> batch) {
            batches.add(batch);
            CompletableFuture<List<String>> result = new CompletableFuture<>();
            open.add(result);
            return Uni.createFrom().completionStage(result);
        }

        /** Commits the oldest open batch. */
        void commit() {
            CompletableFuture<List<String>> result = open.remove(0);
            List<String> batch = batches.get(batches.size() - open.size() - 1);
            if (batch.contains("bad")) {
                result.completeExceptionally(new IllegalArgumentException("bad request"));
            } else {
                result.complete(batch.stream().map(request -> request + " applied").toList());
            }
        }
    }

    private final Database database = new Database();

    private Coalescer<String, String> coalescer(int maxBatch, int maxInFlight, int maxWaiting) {
        return new Coalescer<>(database::apply, Runnable::run,
                new Coalescer.Limits(maxBatch, maxInFlight, maxWaiting, Duration.ofMillis(1500)), Coalescer.Observer.NONE);
    }

    private static UniAssertSubscriber<String> send(Coalescer<String, String> coalescer, String request) {
        return coalescer.submit(request).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void shouldApplyALoneRequestAtOnceAndTheRequestsThatArriveMeanwhileTogether() {
        Coalescer<String, String> coalescer = coalescer(100, 1, 1000);

        UniAssertSubscriber<String> first = send(coalescer, "a");
        assertThat(database.batches).containsExactly(List.of("a"));
        UniAssertSubscriber<String> b = send(coalescer, "b");
        UniAssertSubscriber<String> c = send(coalescer, "c");
        UniAssertSubscriber<String> d = send(coalescer, "d");
        assertThat(coalescer.waiting()).isEqualTo(3);

        database.commit();
        first.assertItem("a applied");
        assertThat(database.batches).containsExactly(List.of("a"), List.of("b", "c", "d"));
        database.commit();
        b.assertItem("b applied");
        c.assertItem("c applied");
        d.assertItem("d applied");
        assertThat(coalescer.inFlight()).isZero();
    }

    @Test
    void shouldKeepBatchesWithinTheirSizeAndRunAsManyAtOnceAsAllowed() {
        Coalescer<String, String> coalescer = coalescer(2, 2, 1000);
        send(coalescer, "a");
        send(coalescer, "b");
        for (String request : List.of("c", "d", "e", "f", "g")) {
            send(coalescer, request);
        }
        assertThat(database.batches).containsExactly(List.of("a"), List.of("b"));

        database.commit();
        database.commit();
        database.commit();
        assertThat(database.batches).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"),
                List.of("e", "f"), List.of("g"));
    }

    @Test
    void shouldRefuseAtOnceWhenTooManyWaitAndApplyNothingOfTheRefused() {
        Coalescer<String, String> coalescer = coalescer(10, 1, 2);
        send(coalescer, "a");
        send(coalescer, "b");
        send(coalescer, "c");

        UniAssertSubscriber<String> refused = send(coalescer, "d");
        Throwable failure = refused.assertFailedWith(Overloaded.class).getFailure();
        assertThat(((Overloaded) failure).retryAfterSeconds()).isEqualTo(2);

        database.commit();
        database.commit();
        assertThat(database.batches).containsExactly(List.of("a"), List.of("b", "c"));
        // room again once the waiting ones went
        send(coalescer, "e");
        assertThat(database.batches).last().isEqualTo(List.of("e"));
    }

    @Test
    void shouldApplyAFailedBatchOneRequestAtATimeSoOnlyTheBadOneFails() {
        Coalescer<String, String> coalescer = coalescer(100, 1, 1000);
        send(coalescer, "a");
        UniAssertSubscriber<String> b = send(coalescer, "b");
        UniAssertSubscriber<String> bad = send(coalescer, "bad");
        UniAssertSubscriber<String> c = send(coalescer, "c");
        database.commit();

        database.commit(); // b, bad, c together: fails
        assertThat(database.batches).last().isEqualTo(List.of("b"));
        database.commit();
        database.commit();
        database.commit();

        b.assertItem("b applied");
        bad.assertFailedWith(IllegalArgumentException.class, "bad request");
        c.assertItem("c applied");
        assertThat(database.batches).containsExactly(List.of("a"), List.of("b", "bad", "c"), List.of("b"),
                List.of("bad"), List.of("c"));
        assertThat(coalescer.inFlight()).isZero();
    }

    @Test
    void shouldApplyTheRequestOfACallerThatStoppedWaiting() {
        Coalescer<String, String> coalescer = coalescer(100, 1, 1000);
        send(coalescer, "a");
        UniAssertSubscriber<String> left = send(coalescer, "b");
        UniAssertSubscriber<String> stays = send(coalescer, "c");
        left.cancel();

        database.commit();
        database.commit();
        assertThat(database.batches).containsExactly(List.of("a"), List.of("b", "c"));
        stays.assertItem("c applied");
        assertThat(left.getItem()).isNull();
    }
}
