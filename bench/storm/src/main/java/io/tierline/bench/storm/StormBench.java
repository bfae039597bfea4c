package io.tierline.bench.storm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * The storm benchmark: the same alert storms against Tierline and against Prometheus Alertmanager in one run, both
 * paging the bench's own webhook receiver, measured with an open-model load generator (see {@link OpenLoad}).
 *
 * <pre>
 * bench/storm.sh [incidents|repeats|tickets|breaches|all] [rate] [seconds]
 * </pre>
 */
public final class StormBench {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("MMdd-HHmmss");

    private final Config config;
    private final String run;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;
    private final Api api;
    private final Cpu cpu;
    private final Metrics metrics;
    private final List<Phase[]> results = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private Receiver receiver;
    private TierlineSetup tierline;
    private AlertmanagerPeer alertmanager;

    private StormBench(Config config) {
        this.config = config;
        this.run = LocalDateTime.now(ZoneOffset.UTC).format(RUN_ID) + "-" + UUID.randomUUID().toString().substring(0, 4);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "http-client");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
        this.api = new Api(client, json);
        this.cpu = new Cpu(config.pids(), config.database());
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("ticket-service", config.ticket());
        services.put("escalation-service", config.escalation());
        services.put("sla-service", config.sla());
        services.put("notification-service", config.notification());
        this.metrics = new Metrics(api, services);
        cpu.name("storm bench (load + receiver)", ProcessHandle.current().pid());
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new StormBench(config).run());
    }

    private int run() {
        header();
        try (Receiver started = Receiver.start(config.receiverHost(), config.receiverPort(), run, json)) {
            receiver = started;
            checkStack();
            tierline = new TierlineSetup(api, config, run, line -> say("  " + line));
            say("Tierline setup (admin API):");
            tierline.setUp(config.receiverUrl("/" + Receiver.TIERLINE));
            if (config.alertmanager()) {
                alertmanager = AlertmanagerPeer.start(config.alertmanagerBinary(), config.alertmanagerPort(),
                        config.receiverUrl("/" + Receiver.ALERTMANAGER), client);
                cpu.name("alertmanager", alertmanager.pid());
                AlertmanagerPeer peer = alertmanager;
                // Ctrl-C or a kill: the bench's Alertmanager goes with it
                Runtime.getRuntime().addShutdownHook(new Thread(peer::close, "stop-alertmanager"));
                say("Alertmanager started (pid " + alertmanager.pid() + ", " + alertmanager.base + ", config "
                        + alertmanager.folder.resolve("alertmanager.yml") + "):");
                AlertmanagerPeer.configuration(config.receiverUrl("/" + Receiver.ALERTMANAGER)).lines()
                        .filter(l -> !l.startsWith("#")).forEach(l -> say("    " + l));
            }
            warmUp();
            for (Scenario scenario : config.scenarios()) {
                Phase t = tierline(scenario);
                report(t);
                settle();
                Phase a = alertmanager == null ? null : alertmanager(scenario);
                if (a != null) {
                    report(a);
                }
                results.add(new Phase[]{t, a});
            }
            summary();
            cleanUp();
            return 0;
        } catch (Exception e) {
            System.out.flush();
            System.err.println("storm bench failed: " + e.getMessage());
            if (!(e instanceof IllegalStateException)) {
                e.printStackTrace();
            }
            if (alertmanager != null) {
                try {
                    System.err.println("alertmanager log (last lines):");
                    List<String> lines = Files.readAllLines(alertmanager.log);
                    lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(System.err::println);
                } catch (IOException ignored) {
                    // no log
                }
            }
            return 1;
        } finally {
            if (alertmanager != null) {
                alertmanager.close();
            }
            if (tierline != null) {
                tierline.tearDown();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the stack

    private void checkStack() {
        for (URI service : List.of(config.ticket(), config.escalation(), config.sla(), config.notification())) {
            Api.Answer ready;
            try {
                ready = api.call("GET", service, "/q/health/ready", null, null);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(service + " does not answer: start the stack (./tierline up)");
            }
            if (ready.status() != 200) {
                throw new IllegalStateException(service + "/q/health/ready answered " + ready.status());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- warming up

    private void warmUp() {
        int n = config.warmup();
        if (n <= 0) {
            return;
        }
        say("");
        say("Warm-up: " + n + " arrivals per path at 10/s, not measured");
        Phase pd = phase(Receiver.TIERLINE, null, "wup", "warm-up, PagerDuty", n, n, true, "ESCALATION",
                Phase.Clock.INTENDED_SEND);
        pd.customer = tierline.standardCustomer;
        warm(pd, pagerDuty("wup", i -> i));
        say("  tierline PagerDuty: " + pd.accepted.sum() + " accepted, " + pd.paged.sum() + " paged, errors "
                + pd.errorText() + "; intake → page " + percentiles(pd.page));
        if (pd.paged.sum() == 0) {
            throw new IllegalStateException("no page reached the receiver during the warm-up: see "
                    + ".tierline/logs/notification-service.log and escalation-service.log");
        }
        if (config.scenarios().contains(Scenario.TICKETS) || config.scenarios().contains(Scenario.BREACHES)) {
            Phase rest = phase(Receiver.TIERLINE, null, "wut", "warm-up, REST", n, n, true, "ESCALATION",
                    Phase.Clock.INTENDED_SEND);
            warm(rest, ticket(rest, tierline.standardCustomer, null));
            say("  tierline REST tickets: " + rest.accepted.sum() + " accepted, " + rest.paged.sum()
                    + " paged, errors " + rest.errorText() + "; intake → page " + percentiles(rest.page));
        }
        if (alertmanager != null) {
            Phase am = phase(Receiver.ALERTMANAGER, null, "wup", "warm-up", n, n, true, null,
                    Phase.Clock.INTENDED_SEND);
            warm(am, alerts("wup", i -> i));
            say("  alertmanager: " + am.accepted.sum() + " accepted, " + am.paged.sum() + " notified, errors "
                    + am.errorText() + "; intake → notification " + percentiles(am.page));
            if (am.paged.sum() == 0) {
                throw new IllegalStateException("no Alertmanager notification reached the receiver during the warm-up");
            }
        }
    }

    /** An unmeasured phase at 10/s: JIT, connections and pools warm, and a check that pages arrive at all. */
    private void warm(Phase p, OpenLoad.Arrivals arrivals) {
        OpenLoad.run(client, p, p.planned, 10, arrivals);
        await(p, Duration.ofSeconds(90));
        p.endNanos = System.nanoTime();
        match(p);
    }

    /** A phase whose pages (Alertmanager: notifications) the receiver counts from now on. */
    private Phase phase(String system, Scenario scenario, String tag, String what, int planned, int keys,
                        boolean expectPages, String expectedCause, Phase.Clock clock) {
        Phase p = new Phase(system, scenario, what, planned, keys, expectPages, expectedCause, clock);
        p.tag = tag;
        phases.add(p);
        receiver.claim(system, tag, p);
        return p;
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    private Phase tierline(Scenario scenario) {
        int count = config.count();
        String tag = scenario.tag;
        String t = Receiver.TIERLINE;
        say("");
        switch (scenario) {
            case INCIDENTS -> {
                Phase p = phase(t, scenario, tag, "PagerDuty Events v2 trigger, severity critical, new dedup key each",
                        count, count, true, "ESCALATION", Phase.Clock.INTENDED_SEND);
                p.customer = tierline.standardCustomer;
                return measure(p, pagerDuty(tag, i -> i));
            }
            case REPEATS -> {
                int keys = Math.min(config.repeatKeys(), count);
                Phase open = phase(t, scenario, tag, "opening the keys", keys, keys, true, "ESCALATION",
                        Phase.Clock.INTENDED_SEND);
                open.customer = tierline.standardCustomer;
                say("[tierline repeats] opening " + keys + " incidents at 10/s, then re-triggering them");
                warm(open, pagerDuty(tag, i -> i));
                if (open.paged.sum() < keys) {
                    say("  only " + open.paged.sum() + " of " + keys + " keys paged: continuing anyway");
                }
                Phase p = phase(t, scenario, tag, "PagerDuty trigger of an open dedup key (" + keys
                                + " keys round robin); no page may follow", count, keys, false, null,
                        Phase.Clock.INTENDED_SEND);
                for (int key = 0; key < keys; key++) {
                    p.ticketByKey.set(key, open.ticketByKey.get(key));
                }
                return measure(p, pagerDuty(tag, i -> i % keys));
            }
            case TICKETS -> {
                Phase p = phase(t, scenario, tag, "REST POST /api/v1/tickets (agent token), SEV1", count, count, true,
                        "ESCALATION", Phase.Clock.INTENDED_SEND);
                return measure(p, ticket(p, tierline.standardCustomer, null));
            }
            case BREACHES -> {
                Duration target = tierline.enterpriseSev1Target();
                if (target.toSeconds() > config.maxSlaTargetSeconds()) {
                    throw new IllegalStateException("sla-service's ENTERPRISE SEV1 first-response target is " + target
                            + ", longer than STORM_MAX_SLA_TARGET=" + config.maxSlaTargetSeconds() + " s: start the "
                            + "stack with the demo configuration (./tierline up loads deploy/demo/sla-service"
                            + ".properties, 30 s)");
                }
                Phase p = phase(t, scenario, tag, "REST SEV1 tickets of an ENTERPRISE customer, first-response "
                        + "target " + target + ": breaches come due at the arrival rate, " + target.toSeconds()
                        + " s later", count, count, true, "SLA_BREACHED", Phase.Clock.SLA_DUE);
                return measure(p, ticket(p, tierline.enterpriseCustomer, (key, createdAt) ->
                        p.due(key, createdAt.plus(target))));
            }
            default -> throw new IllegalArgumentException(scenario.toString());
        }
    }

    private Phase alertmanager(Scenario scenario) {
        int count = config.count();
        String tag = scenario.tag;
        String a = Receiver.ALERTMANAGER;
        say("");
        if (scenario == Scenario.REPEATS) {
            int keys = Math.min(config.repeatKeys(), count);
            Phase open = phase(a, scenario, tag, "opening the alerts", keys, keys, true, null,
                    Phase.Clock.INTENDED_SEND);
            say("[alertmanager repeats] firing " + keys + " alerts at 10/s, then posting them again");
            warm(open, alerts(tag, i -> i));
            Phase p = phase(a, scenario, tag, "POST /api/v2/alerts of a firing alert (" + keys
                    + " alerts round robin); no notification may follow", count, keys, false, null,
                    Phase.Clock.INTENDED_SEND);
            return measure(p, alerts(tag, i -> i % keys));
        }
        String what = switch (scenario) {
            case INCIDENTS -> "POST /api/v2/alerts, one new alert each (its own group)";
            case TICKETS -> "POST /api/v2/alerts, one new alert each (Alertmanager has no tickets: the same new-alert"
                    + " path as incidents)";
            case BREACHES -> "POST /api/v2/alerts, one new alert each at the instants the breaches come due "
                    + "(Alertmanager has no SLA timers: its analogue is a new alert at that instant)";
            default -> throw new IllegalArgumentException(scenario.toString());
        };
        Phase p = phase(a, scenario, tag, what, count, count, true, null, Phase.Clock.INTENDED_SEND);
        return measure(p, alerts(tag, i -> i));
    }

    /**
     * After a Tierline phase that could not keep up, its backlog still pages: waits until no page has come for 10 s
     * (at most STORM_SETTLE_SECONDS), so the next phase does not run beside it.
     */
    private void settle() {
        long limit = System.nanoTime() + Duration.ofSeconds(config.settleSeconds()).toNanos();
        long started = System.nanoTime();
        long seen = receiver.requests.sum();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(10).toNanos()) {
            if (System.nanoTime() > limit) {
                say("  settling: pages still arriving after " + config.settleSeconds() + " s; going on beside them");
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = receiver.requests.sum();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        long waited = (System.nanoTime() - started) / 1_000_000_000L;
        if (waited > 11) {
            say("  settled: the last straggling page came " + (waited - 10) + " s after the phase ended");
        }
    }

    private Phase measure(Phase p, OpenLoad.Arrivals arrivals) {
        say("[" + p.system + " " + p.scenario.label() + "] " + p.what);
        say("  offering " + config.rate() + "/s for " + config.seconds() + " s (" + p.planned + " arrivals)");
        boolean ours = p.system.equals(Receiver.TIERLINE);
        Map<String, Map<String, Double>> metricsBefore = ours ? metrics.scrape() : Map.of();
        Cpu.Snapshot before = cpu.take();
        OpenLoad.run(client, p, p.planned, config.rate(), arrivals, Duration.ofSeconds(config.retrySeconds()));
        await(p, Duration.ofSeconds(config.drainSeconds()));
        p.cpu = Cpu.between(before, cpu.take(), List.of());
        p.endNanos = System.nanoTime();
        if (ours) {
            p.serverTimers = Metrics.means(metricsBefore, metrics.scrape());
        }
        match(p);
        return p;
    }

    /**
     * Tierline: matches the pages the receiver kept by ticket to the phase's keys. A page names its ticket only, so a
     * PagerDuty phase first learns its tickets by listing the run's customer's tickets (after the phase, so the
     * listing is no load during it); a REST phase knows them from the answers.
     */
    private void match(Phase p) {
        if (!p.system.equals(Receiver.TIERLINE)) {
            return;
        }
        if (p.customer != null) {
            Map<String, UUID> byTitle = ticketsByTitle(p.customer, p.startWall.minusSeconds(5));
            for (int key = 0; key < p.keys; key++) {
                if (p.ticketByKey.get(key) == null) {
                    UUID ticket = byTitle.get(title(p.tag, key));
                    if (ticket != null) {
                        p.ticketByKey.set(key, ticket);
                    }
                }
            }
        }
        for (int key = 0; key < p.keys; key++) {
            UUID ticket = p.ticketByKey.get(key);
            if (ticket != null) {
                Set<String> seen = new HashSet<>();
                for (Receiver.TierlinePage page : receiver.pagesOf(ticket)) {
                    if (page.pageId() != null && !seen.add(page.pageId())) {
                        p.redelivered.increment(); // the same page again, not a second page
                        continue;
                    }
                    p.page(key, page.cause(), page.arrivalNanos(), page.arrivalWall(), page.causedAt());
                }
            }
        }
    }

    /** The customer's tickets created since {@code since}, by title (the bench's titles are unique per run). */
    private Map<String, UUID> ticketsByTitle(UUID customer, Instant since) {
        Map<String, UUID> byTitle = new HashMap<>();
        String cursor = null;
        do {
            String path = "/api/v1/tickets?customerId=" + customer + "&createdFrom=" + since + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = api.expect("GET", config.ticket(), path, config.agentToken(), null, 200).body();
            for (JsonNode ticket : page.path("items")) {
                byTitle.put(ticket.path("title").asText(), UUID.fromString(ticket.path("id").asText()));
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return byTitle;
    }

    /** Waits for the answers and the pages a phase expects, at most {@code drain} after its last arrival (or due). */
    private void await(Phase p, Duration drain) {
        long lastProgress = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = System.nanoTime();
            boolean answered = p.inFlight.get() == 0;
            long deadline = p.lastIntendedNanos + drain.toNanos();
            if (p.expectPages) {
                if (answered && p.progress() >= p.accepted.sum()) {
                    break;
                }
                if (p.clock == Phase.Clock.SLA_DUE) {
                    Instant lastDue = p.lastDue.get();
                    if (answered && lastDue == null) {
                        break;
                    }
                    if (lastDue != null) {
                        deadline = now + Duration.between(Instant.now(), lastDue).toNanos() + drain.toNanos();
                    }
                }
            } else if (answered && now - p.lastIntendedNanos > Duration.ofSeconds(5).toNanos()) {
                break; // five seconds for a page that should not come
            }
            if (now > deadline) {
                say("  gave up waiting " + drain.toSeconds() + " s after the last arrival" + (p.clock == Phase.Clock.SLA_DUE
                        ? " due" : ""));
                break;
            }
            if (now - lastProgress > Duration.ofSeconds(5).toNanos()) {
                lastProgress = now;
                say(String.format(Locale.ROOT, "  t+%.0fs sent %d, answered %d, in flight %d, pages %d%s",
                        (now - p.startNanos) / 1e9, p.sent.sum(), p.accepted.sum() + p.errorCount(),
                        p.inFlight.get(), p.progress(), p.errors.isEmpty() ? "" : ", errors " + p.errorText()));
            }
        }
    }

    /**
     * Answers every ticket the run opened for its STANDARD customer with an agent's public reply, so their
     * first-response clocks are met: otherwise each would warn after 30 minutes and breach (and page) after an hour,
     * a storm of the bench's own making in the middle of a later run. The ENTERPRISE tickets have breached already.
     * At STORM_CLEANUP_RATE per second, after the figures; not measured.
     */
    private void cleanUp() {
        if (config.cleanupRate() <= 0) {
            say("");
            say("clean-up skipped (STORM_CLEANUP_RATE=0): this run's STANDARD tickets warn in 30 minutes and breach"
                    + " in an hour");
            return;
        }
        List<UUID> tickets = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (Phase p : phases) {
            if (!p.system.equals(Receiver.TIERLINE) || p.scenario == Scenario.BREACHES) {
                continue;
            }
            for (int key = 0; key < p.keys; key++) {
                UUID ticket = p.ticketByKey.get(key);
                if (ticket != null && seen.add(ticket)) {
                    tickets.add(ticket);
                }
            }
        }
        if (tickets.isEmpty()) {
            return;
        }
        say("");
        say("clean-up: answering the run's " + tickets.size() + " STANDARD tickets at " + config.cleanupRate()
                + "/s (a public agent reply meets the first-response clock; not measured)");
        Phase cleanup = new Phase(Receiver.TIERLINE, null, "clean-up", tickets.size(), tickets.size(), false, null,
                Phase.Clock.INTENDED_SEND);
        String token = "Bearer " + config.agentToken();
        OpenLoad.run(client, cleanup, tickets.size(), config.cleanupRate(), new OpenLoad.Arrivals() {
            @Override
            public HttpRequest request(int arrival) {
                return HttpRequest.newBuilder(config.ticket().resolve("/api/v1/tickets/" + tickets.get(arrival)
                                + "/comments")).timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/json").header("Authorization", token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"Storm bench: answered so the"
                                + " first-response clock stops\",\"visibility\":\"PUBLIC\",\"authorType\":\"AGENT\","
                                + "\"author\":\"storm-bench\"}")).build();
            }

            @Override
            public boolean accepts(int status) {
                return status == 201;
            }
        });
        await(cleanup, Duration.ofSeconds(120));
        say("  answered " + cleanup.accepted.sum() + " of " + tickets.size() + ", errors " + cleanup.errorText());
    }

    // ------------------------------------------------------------------------------------------------- requests

    private OpenLoad.Arrivals pagerDuty(String tag, IntUnaryOperator keyOf) {
        URI uri = config.ticket().resolve("/integrations/pagerduty/v2/enqueue");
        String routingKey = tierline.integrationKey;
        return new OpenLoad.Arrivals() {
            @Override
            public HttpRequest request(int arrival) {
                int key = keyOf.applyAsInt(arrival);
                String body = "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\",\"dedup_key\":\"storm-"
                        + run + "-" + tag + "-" + key + "\",\"payload\":{\"summary\":\"" + title(tag, key)
                        + "\",\"source\":\"storm-bench\",\"severity\":\"critical\"}}";
                return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            }

            @Override
            public int key(int arrival) {
                return keyOf.applyAsInt(arrival);
            }

            @Override
            public boolean accepts(int status) {
                return status == 202;
            }
        };
    }

    private interface Created {
        void at(int key, Instant createdAt);
    }

    private OpenLoad.Arrivals ticket(Phase phase, UUID customer, Created created) {
        URI uri = config.ticket().resolve("/api/v1/tickets");
        String tag = phase.tag;
        String token = "Bearer " + config.agentToken();
        return new OpenLoad.Arrivals() {
            @Override
            public HttpRequest request(int arrival) {
                String body = "{\"customerId\":\"" + customer + "\",\"severity\":\"SEV1\",\"title\":\""
                        + title(tag, arrival) + "\",\"description\":\"Storm benchmark arrival " + arrival + "\"}";
                return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/json").header("Authorization", token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            }

            @Override
            public boolean accepts(int status) {
                return status == 201;
            }

            @Override
            public void accepted(int arrival, HttpResponse<String> response) {
                try {
                    JsonNode ticket = json.readTree(response.body());
                    phase.ticketByKey.set(arrival, UUID.fromString(ticket.path("id").asText()));
                    if (created != null) {
                        created.at(arrival, Instant.parse(ticket.path("createdAt").asText()));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable ticket: " + Api.abbreviate(response.body()));
                }
            }
        };
    }

    private OpenLoad.Arrivals alerts(String tag, IntUnaryOperator keyOf) {
        return new OpenLoad.Arrivals() {
            @Override
            public HttpRequest request(int arrival) {
                return alertmanager.alert(run, tag, keyOf.applyAsInt(arrival));
            }

            @Override
            public int key(int arrival) {
                return keyOf.applyAsInt(arrival);
            }

            @Override
            public boolean accepts(int status) {
                return status == 200;
            }
        };
    }

    private String title(String tag, int key) {
        return "storm " + run + " " + tag + "#" + key;
    }

    // ------------------------------------------------------------------------------------------------ reporting

    private void header() {
        say("# Storm benchmark, run " + run + ", " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        say("machine: " + machine());
        say("load average at start: " + loadAverage());
        config.describe().forEach(StormBench::say);
        if (config.alertmanager()) {
            AlertmanagerPeer.describe(config.alertmanagerBinary()).forEach(l -> say("peer: " + l));
        }
    }

    /** /proc/loadavg's 1, 5 and 15 minute figures: on a shared machine, what else was running. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String machine() {
        String model = "";
        String memory = "";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GB")
                    .orElse("");
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (model.isEmpty() ? "" : " (" + model + ")")
                + (memory.isEmpty() ? "" : ", " + memory) + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + "; everything on this machine";
    }

    private void report(Phase p) {
        say(String.format(Locale.ROOT, "  result: sent %d, accepted %d (%.1f/s of %.1f/s offered), errors %s",
                p.sent.sum(), p.accepted.sum(), p.acceptRate(), p.offeredRate, p.errorText()));
        if (p.expectPages) {
            say(String.format(Locale.ROOT, "  pages: %d of %d accepted (%.1f/s), missing %d, duplicates %d, "
                            + "other pages %d, after the end %d%s", p.paged.sum(), p.accepted.sum(), p.pageRate(),
                    p.missing(), p.duplicates.sum(), p.otherPages.sum(), p.lateAfterEnd.sum(),
                    p.redelivered.sum() == 0 ? "" : "; " + p.redelivered.sum()
                            + " redelivered (the same page id POSTed again after a crash)"));
        } else {
            say("  pages: " + p.unexpectedPages.sum() + " (none expected), other pages " + p.otherPages.sum());
        }
        say("  accept latency ms      " + percentiles(p.accept));
        if (p.expectPages) {
            say("  " + String.format("%-23s", p.clock == Phase.Clock.SLA_DUE ? "due → page ms" : "intake → page ms")
                    + percentiles(p.page));
        }
        say(String.format(Locale.ROOT, "  sender: max lag behind its timeline %.1f ms, max in flight %d",
                p.maxSendLagNanos.get() / 1e6, p.maxInFlight.get()));
        if (!p.serverTimers.isEmpty()) {
            say("  Tierline's own timers over the phase (means):");
            p.serverTimers.forEach(l -> say("    " + l));
        }
        if (p.cpu != null && p.cpu.seconds() > 0) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "  cpu over %.0f s: machine %.0f%% of %d cores;", p.cpu.seconds(), p.cpu.machinePercent(),
                    p.cpu.cores()));
            p.cpu.percentOfCore().entrySet().stream()
                    .filter(e -> e.getValue() >= 0.5)
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                    .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.0f%%,", e.getKey(), e.getValue())));
            line.setLength(line.length() - 1);
            say(line + " (% of one core)");
        }
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "(none)";
        }
        return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (n=%d)",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getTotalCount());
    }

    static String ms(long micros) {
        double ms = micros / 1000.0;
        return ms < 10 ? String.format(Locale.ROOT, "%.2f", ms)
                : ms < 100 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }

    private void summary() {
        say("");
        say("## Summary (markdown; latencies in ms, each from the arrival's intended send time;"
                + " ratio = Tierline ÷ Alertmanager)");
        say("");
        say("paged: within the phase (at most STORM_DRAIN_SECONDS=" + config.drainSeconds() + " after its last"
                + " arrival or due time), the latencies are theirs; later: after that, before the run ended (not in"
                + " the latencies); never: not paged by the end of the run.");
        for (Phase[] pair : results) {
            Phase t = pair[0];
            Phase a = pair[1];
            say("");
            say("### " + t.scenario.label() + ", " + fmt(config.rate()) + "/s for " + config.seconds() + " s ("
                    + t.planned + " arrivals)");
            say("");
            say("headline latency: " + t.headlineName());
            say("");
            say("| system | sent | accepted | errors | " + (t.expectPages ? "paged | later | never | dup"
                    : "pages (none due) | – | – | –")
                    + " | accepted/s | paged/s | accept p50 | accept p99 | p50 | p90 | p99 | p99.9 | max |");
            say("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            say(row("Tierline", t));
            if (a != null) {
                say(row("Alertmanager", a));
                say(ratio(t, a));
            }
            if (!t.errors.isEmpty() || (a != null && !a.errors.isEmpty())) {
                say("");
                say("errors: Tierline " + t.errorText() + (a == null ? "" : "; Alertmanager " + a.errorText()));
            }
        }
        say("");
        Set<UUID> claimed = new HashSet<>();
        for (Phase p : phases) {
            for (int key = 0; key < p.keys; key++) {
                UUID ticket = p.ticketByKey.get(key);
                if (ticket != null) {
                    claimed.add(ticket);
                }
            }
        }
        say("receiver: " + receiver.requests.sum() + " requests; pages to no phase's ticket (earlier runs): "
                + receiver.unclaimedTierline(claimed) + " Tierline, " + receiver.unclaimed.sum() + " Alertmanager; "
                + receiver.unreadable.sum() + " unreadable");
    }

    /** Pages that came for a phase's keys after it ended (so counted as missing in its figures). */
    private long late(Phase p) {
        if (!p.system.equals(Receiver.TIERLINE)) {
            return p.lateAfterEnd.sum();
        }
        long late = 0;
        for (int key = 0; key < p.keys; key++) {
            UUID ticket = p.ticketByKey.get(key);
            if (ticket == null) {
                continue;
            }
            for (Receiver.TierlinePage page : receiver.pagesOf(ticket)) {
                if (page.arrivalNanos() > p.endNanos && (p.expectedCause == null
                        || (page.cause() != null && page.cause().startsWith(p.expectedCause)))) {
                    late++;
                }
            }
        }
        return late;
    }

    /**
     * paged: within the phase (its latencies are in the figures); later: after the phase's wait ran out, before the run
     * ended; never: accepted and not paged by the end of the run.
     */
    private String row(String name, Phase p) {
        Histogram h = p.headline();
        long later = p.expectPages ? late(p) : 0;
        return "| " + name + " | " + p.sent.sum() + " | " + p.accepted.sum() + " | " + p.errorCount() + " | "
                + (p.expectPages ? p.paged.sum() + " | " + later + " | " + Math.max(0, p.missing() - later) + " | "
                + p.duplicates.sum() : p.unexpectedPages.sum() + " | – | – | –")
                + " | " + fmt(p.acceptRate()) + " | " + (p.expectPages ? fmt(p.pageRate()) : "–")
                + " | " + msOrDash(p.accept, 50) + " | " + msOrDash(p.accept, 99)
                + " | " + msOrDash(h, 50) + " | " + msOrDash(h, 90) + " | " + msOrDash(h, 99) + " | "
                + msOrDash(h, 99.9) + " | " + (h.getTotalCount() == 0 ? "–" : ms(h.getMaxValue())) + " |";
    }

    private static String ratio(Phase t, Phase a) {
        Histogram ht = t.headline();
        Histogram ha = a.headline();
        return "| Tierline ÷ Alertmanager | | | | | | | | " + times(t.acceptRate(), a.acceptRate()) + " | "
                + (t.expectPages ? times(t.pageRate(), a.pageRate()) : "–") + " | "
                + times(at(t.accept, 50), at(a.accept, 50)) + " | " + times(at(t.accept, 99), at(a.accept, 99)) + " | "
                + times(at(ht, 50), at(ha, 50)) + " | " + times(at(ht, 90), at(ha, 90)) + " | "
                + times(at(ht, 99), at(ha, 99)) + " | " + times(at(ht, 99.9), at(ha, 99.9)) + " | "
                + times(ht.getTotalCount() == 0 ? 0 : ht.getMaxValue(), ha.getTotalCount() == 0 ? 0 : ha.getMaxValue())
                + " |";
    }

    private static double at(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile);
    }

    private static String msOrDash(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "–" : ms(h.getValueAtPercentile(percentile));
    }

    private static String times(double tierline, double alertmanager) {
        if (tierline <= 0 || alertmanager <= 0) {
            return "–";
        }
        double r = tierline / alertmanager;
        return r >= 10 ? String.format(Locale.ROOT, "%.0f×", r) : String.format(Locale.ROOT, "%.2f×", r);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
