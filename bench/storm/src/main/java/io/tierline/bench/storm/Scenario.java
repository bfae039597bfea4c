package io.tierline.bench.storm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The four storms, each with the short tag that marks its alerts (titles, dedup keys, Alertmanager labels). */
enum Scenario {
    /** New PagerDuty Events v2 triggers, SEV1: intake to page at the webhook receiver. */
    INCIDENTS("inc"),
    /** Triggers of dedup keys already open: accept latency, and no page may follow. */
    REPEATS("rep"),
    /** REST POST /api/v1/tickets, SEV1: accept latency and intake to page. */
    TICKETS("tkt"),
    /** Tickets whose first-response SLA comes due at the arrival rate: breach page lateness against the due time. */
    BREACHES("brk");

    final String tag;

    Scenario(String tag) {
        this.tag = tag;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scenario of(String name) {
        for (Scenario s : values()) {
            if (s.label().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; one of "
                + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", ")) + ", all\n"
                + Config.USAGE);
    }
}
