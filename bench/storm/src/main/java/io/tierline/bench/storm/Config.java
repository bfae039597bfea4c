package io.tierline.bench.storm;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run does: the scenarios, the arrival rate and duration (arguments), and where everything is (environment
 * variables, set by bench/storm.sh).
 */
record Config(List<Scenario> scenarios, double rate, int seconds,
              URI ticket, URI escalation, URI sla, URI notification,
              String adminToken, String agentToken,
              String receiverHost, int receiverPort,
              boolean alertmanager, String alertmanagerBinary, int alertmanagerPort,
              int drainSeconds, int settleSeconds, int repeatKeys, int warmup, int maxSlaTargetSeconds,
              double cleanupRate, int retrySeconds,
              Map<String, Long> pids, String database) {

    static final String USAGE = """
            usage: storm-bench [scenario] [rate] [seconds]
              scenario  incidents | repeats | tickets | breaches | all   (default incidents)
              rate      arrivals per second, a fixed timeline (open model)  (default 50)
              seconds   how long arrivals go on                              (default 30)
            environment (bench/storm.sh sets the first two):
              STORM_ADMIN_TOKEN, STORM_AGENT_TOKEN   bearer tokens (./tierline token admin|agent)
              STORM_TICKET_URL [http://127.0.0.1:8081]  STORM_ESCALATION_URL [..:8082]  STORM_SLA_URL [..:8083]
              STORM_NOTIFICATION_URL [..:8084]
              STORM_RECEIVER_PORT [8097]   the bench's webhook receiver (both systems page it)
              STORM_ALERTMANAGER [on]      off: Tierline only
              STORM_ALERTMANAGER_BIN [/usr/bin/prometheus-alertmanager]  STORM_ALERTMANAGER_PORT [9193]
              STORM_DRAIN_SECONDS [60]     longest wait for pages after the last arrival (or the last breach due)
              STORM_SETTLE_SECONDS [600]   after a Tierline phase, wait (at most this) until no page came for 10 s
              STORM_REPEAT_KEYS [50]       open incidents the repeats scenario re-triggers, round robin
              STORM_WARMUP [20]            warm-up arrivals per system and path before measuring
              STORM_MAX_SLA_TARGET [120]   breaches: refuse to wait for a first-response target longer than this (s)
              STORM_CLEANUP_RATE [50]      after the figures, the run's STANDARD tickets are answered at this rate so
                                           their SLA clocks do not warn and breach 30 and 60 minutes later (0: not)
              STORM_RETRY_SECONDS [0]      as real senders do, send an arrival again (after 0.5 s, doubling up to 4 s)
                                           when it was refused (connection error, 429, 5xx), for up to this long
                                           after its intended time; 0: every refusal is an error (bench/fault-run.sh)
              STORM_PIDS                   name=pid,... of the processes to account CPU to (storm.sh: the stack's)
              STORM_DB_NAME                the database the stack uses (its PostgreSQL backends are told apart)
            """;

    static Config from(String[] args, Map<String, String> env) {
        if (args.length > 3 || (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")))) {
            throw new IllegalArgumentException(USAGE);
        }
        String scenario = args.length > 0 ? args[0] : "incidents";
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        if (rate <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("rate and seconds must be positive\n" + USAGE);
        }
        List<Scenario> scenarios = scenario.equals("all") ? List.of(Scenario.values()) : List.of(Scenario.of(scenario));
        String admin = env.get("STORM_ADMIN_TOKEN");
        String agent = env.get("STORM_AGENT_TOKEN");
        if (admin == null || admin.isBlank() || agent == null || agent.isBlank()) {
            throw new IllegalArgumentException("STORM_ADMIN_TOKEN and STORM_AGENT_TOKEN are needed "
                    + "(bench/storm.sh sets them from ./tierline token)\n" + USAGE);
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : env.getOrDefault("STORM_PIDS", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    pids.put(pair.substring(0, eq).trim(), Long.parseLong(pair.substring(eq + 1).trim()));
                } catch (NumberFormatException ignored) {
                    // a process that is not running has no pid: nothing to account
                }
            }
        }
        return new Config(scenarios, rate, seconds,
                uri(env, "STORM_TICKET_URL", "http://127.0.0.1:8081"),
                uri(env, "STORM_ESCALATION_URL", "http://127.0.0.1:8082"),
                uri(env, "STORM_SLA_URL", "http://127.0.0.1:8083"),
                uri(env, "STORM_NOTIFICATION_URL", "http://127.0.0.1:8084"),
                admin.strip(), agent.strip(),
                env.getOrDefault("STORM_RECEIVER_HOST", "127.0.0.1"), integer(env, "STORM_RECEIVER_PORT", 8097),
                !env.getOrDefault("STORM_ALERTMANAGER", "on").equalsIgnoreCase("off"),
                env.getOrDefault("STORM_ALERTMANAGER_BIN", "/usr/bin/prometheus-alertmanager"),
                integer(env, "STORM_ALERTMANAGER_PORT", 9193),
                integer(env, "STORM_DRAIN_SECONDS", 60), integer(env, "STORM_SETTLE_SECONDS", 600),
                integer(env, "STORM_REPEAT_KEYS", 50),
                integer(env, "STORM_WARMUP", 20), integer(env, "STORM_MAX_SLA_TARGET", 120),
                integer(env, "STORM_CLEANUP_RATE", 50), integer(env, "STORM_RETRY_SECONDS", 0),
                pids, env.getOrDefault("STORM_DB_NAME", ""));
    }

    int count() {
        return Math.max(1, (int) Math.round(rate * seconds));
    }

    String receiverUrl(String path) {
        return "http://" + receiverHost + ":" + receiverPort + path;
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("scenarios " + scenarios + ", " + rate + "/s for " + seconds + " s (" + count() + " arrivals each)");
        lines.add("tierline " + ticket + " " + escalation + " " + sla + " " + notification
                + (database.isEmpty() ? "" : ", database " + database));
        lines.add("receiver " + receiverUrl("/") + ", alertmanager "
                + (alertmanager ? alertmanagerBinary + " on 127.0.0.1:" + alertmanagerPort : "off"));
        return lines;
    }

    private static URI uri(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
