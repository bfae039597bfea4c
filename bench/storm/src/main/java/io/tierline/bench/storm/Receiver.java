package io.tierline.bench.storm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The webhook receiver both systems page: {@code /tierline} takes notification-service's page JSON, {@code
 * /alertmanager} Alertmanager's webhook (version 4). It answers at once (200, no body), stamping each page with the
 * arrival time taken before the body was read; Alertmanager's go to the phase their labels name, Tierline's are kept
 * by ticket id (all a page says about its incident) until the phase matches its tickets to its keys.
 */
final class Receiver implements AutoCloseable {

    static final String TIERLINE = "tierline";
    static final String ALERTMANAGER = "alertmanager";

    private interface Body {
        void accept(byte[] body, long arrivalNanos, Instant arrivalWall) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json;
    private final String run;
    private final Map<String, Phase> phases = new ConcurrentHashMap<>();
    private final Map<UUID, List<TierlinePage>> tierlinePages = new ConcurrentHashMap<>();
    private volatile Phase liveTierline;

    final LongAdder requests = new LongAdder();
    /** Alertmanager notifications of earlier runs, or of alerts no phase claims */
    final LongAdder unclaimed = new LongAdder();
    final LongAdder unreadable = new LongAdder();

    private Receiver(HttpServer server, ExecutorService executor, ObjectMapper json, String run) {
        this.server = server;
        this.executor = executor;
        this.json = json;
        this.run = run;
    }

    static Receiver start(String host, int port, String run, ObjectMapper json) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 4096);
        ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        });
        Receiver receiver = new Receiver(server, executor, json, run);
        server.createContext("/" + TIERLINE, exchange -> receiver.handle(exchange, receiver::tierlinePage));
        server.createContext("/" + ALERTMANAGER, exchange -> receiver.handle(exchange, receiver::alertmanagerNotification));
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /**
     * From now on, pages of {@code system} tagged {@code tag} count for {@code phase} (replacing an earlier one):
     * Alertmanager's by their labels; Tierline's are counted as the phase's progress while it runs.
     */
    void claim(String system, String tag, Phase phase) {
        if (system.equals(TIERLINE)) {
            liveTierline = phase;
        } else {
            phases.put(system + ":" + tag, phase);
        }
    }

    private void handle(HttpExchange exchange, Body body) throws IOException {
        long arrivalNanos = System.nanoTime();
        Instant arrivalWall = Instant.now();
        requests.increment();
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            body.accept(bytes, arrivalNanos, arrivalWall);
        } catch (IOException | RuntimeException e) {
            unreadable.increment();
        }
    }

    /**
     * notification-service's page: {"pageId","ticketId","responderId","cause","severity","title","causedAt",...}. Its
     * title is Tierline's own (the cause), so pages are kept by ticket and matched to the phases' keys afterwards
     * ({@link #pagesOf}); the phase running now counts them as progress.
     */
    private void tierlinePage(byte[] bytes, long arrivalNanos, Instant arrivalWall) throws IOException {
        JsonNode page = json.readTree(bytes);
        UUID ticket = UUID.fromString(page.path("ticketId").asText());
        String cause = page.path("cause").asText(null);
        String causedAt = page.path("causedAt").asText(null);
        tierlinePages.computeIfAbsent(ticket, t -> Collections.synchronizedList(new ArrayList<>()))
                .add(new TierlinePage(page.path("pageId").asText(null), cause, arrivalNanos, arrivalWall,
                        causedAt == null ? null : Instant.parse(causedAt)));
        Phase phase = liveTierline;
        if (phase != null) {
            phase.live(ticket, cause);
        }
    }

    /**
     * One page to a ticket, as it arrived. Delivery is at least once: a page POSTed by an instance that died before
     * recording the answer is POSTed again with the same page id (a redelivery, which receivers drop by that id).
     */
    record TierlinePage(String pageId, String cause, long arrivalNanos, Instant arrivalWall, Instant causedAt) {
    }

    /** The pages a ticket got so far, in order of arrival. */
    List<TierlinePage> pagesOf(UUID ticket) {
        List<TierlinePage> pages = tierlinePages.get(ticket);
        if (pages == null) {
            return List.of();
        }
        synchronized (pages) {
            List<TierlinePage> copy = new ArrayList<>(pages);
            copy.sort(Comparator.comparingLong(TierlinePage::arrivalNanos));
            return copy;
        }
    }

    /** Tickets paged that no phase has claimed (another run's, or a phase's that never learnt its ticket). */
    long unclaimedTierline(Set<UUID> claimed) {
        return tierlinePages.entrySet().stream().filter(e -> !claimed.contains(e.getKey()))
                .mapToLong(e -> e.getValue().size()).sum();
    }

    /** Alertmanager's webhook: one notification per group; the bench puts each alert in its own group. */
    private void alertmanagerNotification(byte[] bytes, long arrivalNanos, Instant arrivalWall) throws IOException {
        JsonNode notification = json.readTree(bytes);
        for (JsonNode alert : notification.path("alerts")) {
            JsonNode labels = alert.path("labels");
            if (!"firing".equals(alert.path("status").asText()) || !run.equals(labels.path("storm_run").asText())) {
                unclaimed.increment();
                continue;
            }
            Phase phase = phases.get(ALERTMANAGER + ":" + labels.path("storm_tag").asText());
            if (phase == null) {
                unclaimed.increment();
                continue;
            }
            phase.page(Integer.parseInt(labels.path("seq").asText("-1")), null, arrivalNanos, arrivalWall, null);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
