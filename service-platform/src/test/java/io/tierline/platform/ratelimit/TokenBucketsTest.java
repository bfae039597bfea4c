package io.tierline.platform.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import static io.tierline.platform.ratelimit.Priority.CRITICAL;
import static io.tierline.platform.ratelimit.Priority.HIGH;
import static io.tierline.platform.ratelimit.Priority.LOW;
import static io.tierline.platform.ratelimit.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketsTest {

    private static final Map<Priority, Double> NO_RESERVES = Map.of();
    private static final Map<Priority, Double> RESERVES = Map.of(HIGH, 0.1, NORMAL, 0.2, LOW, 0.3);

    /** A clock that moves only when told to. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private void advance(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private TokenBuckets buckets(double rate, int burst, Map<Priority, Double> reserves) {
        return new TokenBuckets(rate, burst, reserves, 100_000, nanos::get);
    }

    private static int admitted(TokenBuckets buckets, String key, Priority priority, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (buckets.tryAcquire(key, priority).allowed()) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void shouldAdmitABurstThenRefuseUntilATokenRefills() {
        TokenBuckets buckets = buckets(1, 5, NO_RESERVES);

        for (int i = 0; i < 5; i++) {
            assertThat(buckets.tryAcquire("alice", NORMAL)).isEqualTo(new RateDecision(true, Duration.ZERO));
        }
        assertThat(buckets.tryAcquire("alice", NORMAL)).isEqualTo(new RateDecision(false, Duration.ofSeconds(1)));

        advance(999);
        assertThat(buckets.tryAcquire("alice", NORMAL)).isEqualTo(new RateDecision(false, Duration.ofMillis(1)));
        advance(1);
        assertThat(buckets.tryAcquire("alice", NORMAL).allowed()).isTrue();
        assertThat(buckets.tryAcquire("alice", NORMAL).allowed()).isFalse();
    }

    @Test
    void shouldRefillAtTheConfiguredRateUpToTheBurst() {
        TokenBuckets buckets = buckets(2, 10, NO_RESERVES);
        assertThat(admitted(buckets, "alice", NORMAL, 20)).isEqualTo(10);

        advance(2_500);
        assertThat(admitted(buckets, "alice", NORMAL, 20)).isEqualTo(5);
        assertThat(buckets.tryAcquire("alice", NORMAL).retryAfter()).isEqualTo(Duration.ofMillis(500));

        advance(60_000);
        assertThat(admitted(buckets, "alice", NORMAL, 20)).as("never more than the burst").isEqualTo(10);
    }

    @Test
    void shouldAddUpFractionsOfATokenExactly() {
        TokenBuckets buckets = buckets(1, 1, NO_RESERVES);
        assertThat(buckets.tryAcquire("alice", NORMAL).allowed()).isTrue();

        for (int i = 0; i < 9; i++) {
            advance(100);
            assertThat(buckets.tryAcquire("alice", NORMAL).allowed()).isFalse();
        }
        advance(100);
        assertThat(buckets.tryAcquire("alice", NORMAL).allowed()).isTrue();
    }

    @Test
    void shouldChargeABatchOneTokenPerItemWithoutDiggingIntoTheReserveOfMoreUrgentRequests() {
        TokenBuckets buckets = buckets(1, 10, RESERVES);

        // LOW may spend 7 of 10: a batch of 5 fits, a second does not, and says when it would
        assertThat(buckets.tryAcquire("key", LOW, 5).allowed()).isTrue();
        assertThat(buckets.tryAcquire("key", LOW, 5)).isEqualTo(new RateDecision(false, Duration.ofSeconds(3)));
        assertThat(buckets.tryAcquire("key", LOW, 2).allowed()).isTrue();
        // the reserve is untouched: the more urgent still get in
        assertThat(admitted(buckets, "key", HIGH, 20)).isEqualTo(2);
        assertThat(admitted(buckets, "key", CRITICAL, 20)).isEqualTo(1);
    }

    @Test
    void shouldLetABatchLargerThanTheBurstInOnlyWhenTheBucketIsFullAndChargeItAllTheRoom() {
        TokenBuckets buckets = buckets(1, 10, RESERVES);
        assertThat(buckets.tryAcquire("key", LOW, 1).allowed()).isTrue();

        assertThat(buckets.tryAcquire("key", LOW, 500)).isEqualTo(new RateDecision(false, Duration.ofSeconds(1)));
        advance(1_000);
        assertThat(buckets.tryAcquire("key", LOW, 500).allowed()).isTrue();
        assertThat(buckets.tryAcquire("key", LOW, 1).allowed()).as("LOW is at its floor").isFalse();
        assertThat(admitted(buckets, "key", CRITICAL, 20)).as("LOW's reserve is left for the others").isEqualTo(3);

        assertThat(buckets.tryAcquire("other", CRITICAL, 500).allowed()).isTrue();
        assertThat(buckets.tryAcquire("other", CRITICAL, 1).allowed()).as("a critical batch may empty it").isFalse();
        assertThatThrownBy(() -> buckets.tryAcquire("key", LOW, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldShedLowThenNormalThenHighBeforeCritical() {
        TokenBuckets buckets = buckets(1, 10, RESERVES);

        // LOW keeps 3 of 10, NORMAL 2, HIGH 1, CRITICAL none
        assertThat(admitted(buckets, "key", LOW, 20)).isEqualTo(7);
        assertThat(admitted(buckets, "key", NORMAL, 20)).isEqualTo(1);
        assertThat(admitted(buckets, "key", LOW, 20)).isZero();
        assertThat(admitted(buckets, "key", HIGH, 20)).isEqualTo(1);
        assertThat(admitted(buckets, "key", NORMAL, 20)).isZero();
        assertThat(admitted(buckets, "key", CRITICAL, 20)).isEqualTo(1);
        assertThat(admitted(buckets, "key", HIGH, 20)).isZero();
        assertThat(buckets.tryAcquire("key", CRITICAL).allowed()).isFalse();
    }

    @Test
    void shouldStillAdmitCriticalWhenLowIsRefused() {
        TokenBuckets buckets = buckets(1, 10, RESERVES);
        assertThat(admitted(buckets, "key", LOW, 7)).isEqualTo(7);
        assertThat(buckets.tryAcquire("key", LOW).allowed()).isFalse();

        assertThat(admitted(buckets, "key", CRITICAL, 20)).isEqualTo(3);
    }

    @Test
    void shouldTellEachPriorityWhenATokenAboveItsFloorRefills() {
        TokenBuckets buckets = buckets(1, 10, RESERVES);
        admitted(buckets, "key", CRITICAL, 10);

        assertThat(buckets.tryAcquire("key", CRITICAL).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(buckets.tryAcquire("key", HIGH).retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(buckets.tryAcquire("key", NORMAL).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(buckets.tryAcquire("key", LOW).retryAfter()).isEqualTo(Duration.ofSeconds(4));

        advance(4_000);
        assertThat(buckets.tryAcquire("key", LOW).allowed()).isTrue();
    }

    @Test
    void shouldOpenAFullBucketToEveryPriorityHoweverSmallTheBurst() {
        TokenBuckets buckets = buckets(1, 1, Map.of(HIGH, 0.5, NORMAL, 0.6, LOW, 0.9));
        assertThat(buckets.tryAcquire("key", LOW).allowed()).isTrue();
        assertThat(buckets.tryAcquire("key", CRITICAL).allowed()).isFalse();
    }

    @Test
    void shouldKeepEachKeysBucketApart() {
        TokenBuckets buckets = buckets(1, 3, NO_RESERVES);
        assertThat(admitted(buckets, "alice", NORMAL, 10)).isEqualTo(3);
        assertThat(admitted(buckets, "bob", NORMAL, 10)).isEqualTo(3);
    }

    @Test
    void shouldForgetBucketsThatAreFullAgain() {
        TokenBuckets buckets = buckets(10, 10, NO_RESERVES);
        for (int i = 0; i < 1_000; i++) {
            buckets.tryAcquire("caller-" + i, NORMAL);
        }
        assertThat(buckets.size()).isEqualTo(1_000);

        advance(1_000); // each took one token, back after 100 ms; a sweep runs at most once per refill of a burst
        buckets.tryAcquire("alice", NORMAL);
        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void shouldNeverHoldMoreThanMaxKeys() {
        TokenBuckets buckets = new TokenBuckets(1, 10, NO_RESERVES, 100, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            buckets.tryAcquire("invented-" + i, NORMAL);
            assertThat(buckets.size()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void shouldEvictTheLeastRecentlyTouchedFirst() {
        TokenBuckets buckets = new TokenBuckets(0.001, 2, NO_RESERVES, 3, nanos::get);
        for (String key : List.of("a", "b", "c")) {
            assertThat(admitted(buckets, key, NORMAL, 3)).isEqualTo(2);
            advance(1);
        }
        buckets.tryAcquire("a", NORMAL); // refused, but touched: now b is the oldest
        advance(1);

        buckets.tryAcquire("d", NORMAL);

        assertThat(buckets.size()).isEqualTo(3);
        assertThat(buckets.tryAcquire("a", NORMAL).allowed()).as("a kept its empty bucket").isFalse();
        assertThat(buckets.tryAcquire("b", NORMAL).allowed()).as("b was forgotten, starts full").isTrue();
    }

    @Test
    void shouldAdmitExactlyTheBurstToManyThreadsAtOneInstant() throws Exception {
        TokenBuckets buckets = buckets(1, 100, NO_RESERVES);
        AtomicInteger admitted = new AtomicInteger();

        runConcurrently(8, 1_000, thread -> {
            if (buckets.tryAcquire("key-" + thread % 2, CRITICAL).allowed()) {
                admitted.incrementAndGet();
            }
        });

        assertThat(admitted.get()).isEqualTo(2 * 100);
    }

    @Test
    void shouldNeverAdmitMoreThanBurstPlusRefillToManyThreads() throws Exception {
        TokenBuckets buckets = buckets(10, 100, NO_RESERVES);
        long start = nanos.get();
        AtomicInteger admitted = new AtomicInteger();

        runConcurrently(8, 2_000, thread -> {
            advance(1);
            if (buckets.tryAcquire("key", CRITICAL).allowed()) {
                admitted.incrementAndGet();
            }
        });

        double elapsedSeconds = (nanos.get() - start) / 1e9; // 16 s: 160 tokens refilled
        assertThat(admitted.get()).isGreaterThan(100).isLessThanOrEqualTo(100 + (int) (10 * elapsedSeconds));
    }

    @Test
    void shouldRefuseReservesThatWouldShedAHigherPriorityFirst() {
        assertThatThrownBy(() -> buckets(1, 10, Map.of(HIGH, 0.3, NORMAL, 0.2, LOW, 0.1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NORMAL");
        assertThatThrownBy(() -> buckets(1, 10, Map.of(LOW, 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOW");
        assertThatThrownBy(() -> buckets(0, 10, NO_RESERVES)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Runs {@code attempt} (given the thread's number) {@code attemptsEach} times on each of {@code threads} threads. */
    private static void runConcurrently(int threads, int attemptsEach, IntConsumer attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsEach; i++) {
                        attempt.accept(thread);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
