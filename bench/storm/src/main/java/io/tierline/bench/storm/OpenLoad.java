package io.tierline.bench.storm;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.CompletionException;
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
            HttpRequest request = arrivals.request(i);
            phase.sending(intended, System.nanoTime());
            int arrival = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long done = System.nanoTime();
                try {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        phase.failed(cause.getClass().getSimpleName());
                    } else if (arrivals.accepts(response.statusCode())) {
                        phase.accepted(intended, done);
                        arrivals.accepted(arrival, response);
                    } else {
                        phase.failed("HTTP " + response.statusCode());
                    }
                } catch (RuntimeException e) {
                    phase.failed("bench: " + e);
                } finally {
                    phase.inFlight.decrementAndGet();
                }
            });
        }
    }
}
