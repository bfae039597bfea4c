import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Filtered ticket searches against a running ticket-service (GET /api/v1/tickets), open model: requests are sent at
 * a fixed rate whatever the answers take, and each latency is measured from the moment the request was meant to be
 * sent, so a slow answer also counts the queueing it causes. Each request is one of a set of filtered first pages
 * of 50 (the kinds of lists a support engineer opens), in rotation.
 *
 * Run (after ./tierline up and bench/search-data.sql, see bench/RESULTS.md):
 *   java bench/TicketSearchBench.java TOKEN [rate=20] [seconds=60] [url=http://127.0.0.1:8081]
 */
public class TicketSearchBench {

    static final List<String> QUERIES = List.of(
            "status=OPEN&status=IN_PROGRESS&severity=SEV1",
            "team=payments&status=WAITING_ON_CUSTOMER",
            "assignee=agent-42",
            "customerId=" + customer(17),
            "customerId=" + customer(17) + "&q=checkout",
            "q=certificate%20timeout",
            "q=refund%20-email&status=RESOLVED",
            "breached=true&severity=SEV1&sort=severity",
            "tag=webhook&component=api",
            "tier=L3&sort=updated",
            "source=alertmanager&severity=SEV2&createdFrom=" + enc(java.time.Instant.now().minus(Duration.ofDays(30)).toString()),
            "sort=severity&status=NEW");

    public static void main(String[] args) throws Exception {
        String token = args[0];
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String url = args.length > 3 ? args[3] : "http://127.0.0.1:8081";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(16)).build();

        // warm-up: every query once
        for (String query : QUERIES) {
            send(http, url, token, query + "&limit=50");
        }
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<Long>> byQuery = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            String query = QUERIES.get(i % QUERIES.size()) + "&limit=50";
            clock.schedule(() -> http.sendAsync(request(url, token, query), HttpResponse.BodyHandlers.ofString())
                            .whenComplete((answer, failure) -> {
                                long micros = (System.nanoTime() - intended) / 1000;
                                if (failure != null || answer.statusCode() != 200) {
                                    failures.add(query + " -> " + (failure != null ? failure : answer.statusCode()));
                                } else {
                                    latencies.add(micros);
                                    byQuery.computeIfAbsent(query, q -> Collections.synchronizedList(new ArrayList<>()))
                                            .add(micros);
                                }
                                done.countDown();
                            }),
                    intended - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        clock.shutdownNow();

        System.out.printf("%d requests at %d/s over %d s, %d failed%n", total, rate, seconds, failures.size());
        failures.stream().limit(5).forEach(f -> System.out.println("  failed: " + f));
        System.out.println("all: " + summary(latencies));
        new TreeMap<>(byQuery).forEach((query, list) -> System.out.println("  " + summary(list) + "  " + query));
        System.exit(0);
    }

    static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "no answers";
        }
        return String.format("p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms (n=%d)",
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1000.0,
                sorted.size());
    }

    static double at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1000.0;
    }

    static HttpRequest request(String url, String token, String query) {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/tickets?" + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
    }

    static void send(HttpClient http, String url, String token, String query) throws Exception {
        HttpResponse<String> answer = http.send(request(url, token, query), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(query + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** The id bench/search-data.sql gives customer n: md5('bench-customer-n') as a UUID. */
    static String customer(int n) {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5")
                    .digest(("bench-customer-" + n).getBytes(StandardCharsets.UTF_8));
            String hex = java.util.HexFormat.of().formatHex(md5);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
