import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures how fast an event crosses a service boundary on a running system (./tierline up): opens tickets over
 * REST and, for each, the time from the ticket's commit (its createdAt) to escalation-service's routing commit
 * (routedAt). That hop is: ticket-service outbox relay (woken at commit) -> Kafka -> escalation-service consumer
 * -> its transaction. Also prints ticket-service's own outbox lag (commit to Kafka ack) from /q/metrics.
 *
 * Run: java bench/EventLatencyBench.java [tickets=300] [ticketUrl] [escalationUrl]
 */
public class EventLatencyBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        String tickets = args.length > 1 ? args[1] : "http://127.0.0.1:8081";
        String escalations = args.length > 2 ? args[2] : "http://127.0.0.1:8082";

        String customer = field(post(tickets + "/api/v1/customers", "{\"name\":\"Bench\",\"plan\":\"STANDARD\"}"), "id");
        int warmup = Math.min(50, count / 5);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < warmup + count; i++) {
            String ticket = post(tickets + "/api/v1/tickets", "{\"customerId\":\"" + customer
                    + "\",\"severity\":\"SEV4\",\"title\":\"bench " + i + "\"}");
            String id = field(ticket, "id");
            Instant created = Instant.parse(field(ticket, "createdAt"));
            String routed = awaitRouted(escalations + "/api/v1/escalations/" + id);
            long latency = Duration.between(created, Instant.parse(field(routed, "routedAt"))).toNanos() / 1000;
            if (i >= warmup) {
                micros.add(latency);
            }
        }
        Collections.sort(micros);
        System.out.printf("tickets measured: %d (after %d warm-up)%n", micros.size(), warmup);
        System.out.printf("ticket committed -> routed committed (ms): p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                pct(micros, 50), pct(micros, 95), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0);
        String metrics = get(tickets + "/q/metrics");
        Matcher m = Pattern.compile("tierline_outbox_lag_seconds\\{[^}]*quantile=\"(0\\.5|0\\.99)\"[^}]*} ([0-9.Ee-]+)")
                .matcher(metrics);
        while (m.find()) {
            System.out.printf("ticket-service outbox lag (commit -> Kafka ack), quantile %s: %.1f ms%n", m.group(1),
                    Double.parseDouble(m.group(2)) * 1000);
        }
    }

    private static double pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private static String awaitRouted(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("not routed within 30 s: " + url);
    }

    private static String post(String url, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
