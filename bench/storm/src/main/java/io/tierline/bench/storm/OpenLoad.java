package io.tierline.bench.storm;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load generator: arrival i is due at start + i / rate, whatever happened to the ones before it. The
 * sending thread never waits for an answer (java.net.http's sendAsync, no connection limit), and every latency is
 * measured from the arrival's intended send time, so a stalled server shows as latency instead of silently lowering
 * the load (no coordinated omission). How far the sender itself fell behind is kept as {@code maxSendLag}.
 */
final class OpenLoad {

    /** What one arrival sends and what to do with its answer. */
    interface Arrivals {
        HttpRequest request(int arrival);

        /** the key whose page this arrival should cause (pages are counted per key) */
        default int key(int arrival) {
            return arrival;
        }

        boolean accepts(int status);

        default void accepted(int arrival, HttpResponse<String> response) {
        }
    }

    private OpenLoad() {
    }

    static void run(HttpClient client, Phase phase, int count, double rate, Arrivals arrivals) {
        run(client, phase, count, rate, arrivals, Duration.ZERO);
    }

    /**
     * @param retryFor how long after its intended time an arrival that was refused (a connection error, 429 or 5xx)
     *                 is sent again, after 0.5 s and doubling up to 4 s, as PagerDuty's and Alertmanager's senders do;
     *                 zero: a refusal is an error at once
     */
    static void run(HttpClient client, Phase phase, int count, double rate, Arrivals arrivals, Duration retryFor) {
        long period = Math.max(1, Math.round(1e9 / rate));
        long start = System.nanoTime() + 20_000_000L;
        phase.offeredRate = rate;
        phase.startNanos = start;
        phase.startWall = Instant.now();
        for (int i = 0; i < count; i++) {
            long intended = start + i * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int key = arrivals.key(i);
            if (phase.intendedByKey.get(key) == 0) {
                phase.intendedByKey.set(key, intended);
            }
            phase.sending(intended, System.nanoTime());
            send(client, phase, arrivals, i, intended, retryFor.toNanos(), 0);
        }
    }

    private static void send(HttpClient client, Phase phase, Arrivals arrivals, int arrival, long intended,
                             long retryForNanos, int attempt) {
        client.sendAsync(arrivals.request(arrival), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long done = System.nanoTime();
            boolean again = false;
            try {
                String refusal = null;
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    refusal = cause.getClass().getSimpleName();
                } else if (arrivals.accepts(response.statusCode())) {
                    phase.accepted(intended, done);
                    arrivals.accepted(arrival, response);
                } else {
                    refusal = "HTTP " + response.statusCode();
                }
                if (refusal != null) {
                    boolean retryable = failure != null || response.statusCode() == 429 || response.statusCode() >= 500;
                    long backoff = Math.min(4_000_000_000L, 500_000_000L << Math.min(attempt, 3));
                    if (retryable && done + backoff - intended <= retryForNanos) {
                        again = true;
                        phase.retried(refusal);
                        RETRIES.schedule(() -> send(client, phase, arrivals, arrival, intended, retryForNanos,
                                attempt + 1), backoff, TimeUnit.NANOSECONDS);
                    } else {
                        phase.failed(refusal);
                    }
                }
            } catch (RuntimeException e) {
                phase.failed("bench: " + e);
            } finally {
                if (!again) {
                    phase.inFlight.decrementAndGet();
                }
            }
        });
    }

    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "retries");
        thread.setDaemon(true);
        return thread;
    });
}
