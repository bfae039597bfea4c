package io.tierline.ticket.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** ticket-service's own settings, under {@code tierline.ticket}. */
@ConfigMapping(prefix = "tierline.ticket")
public interface TicketConfig {

    /** How long after it was resolved a ticket may still be reopened; after that it may only be closed. */
    @WithDefault("14d")
    Duration reopenWindow();

    Attachments attachments();

    Alertmanager alertmanager();

    Intake intake();

    IntegrationKeys integrationKeys();

    /** Integration keys presented at the intakes. */
    interface IntegrationKeys {
        /**
         * How long an instance remembers what a presented key names (or that it names nothing) before it looks again.
         * A key revoked through one instance is refused by it at once, and by the others within this time.
         */
        @WithDefault("5s")
        Duration cacheFor();

        /** The most keys remembered. */
        @WithDefault("10000")
        long cacheSize();
    }

    /**
     * Alerts that arrive one per request (PagerDuty events, {@code POST /api/v1/incidents}) are applied together: while
     * {@code max-in-flight} transactions apply earlier ones, those that arrive wait and go in the next.
     */
    interface Intake {
        /** The most alerts one transaction applies. */
        @WithDefault("500")
        int maxBatch();

        /** Transactions applying alerts at once, per instance (each holds one database connection). */
        @WithDefault("2")
        int maxInFlight();

        /**
         * The most alerts waiting; the next one is refused at once (PagerDuty: 429 "throttle event", REST: 503),
         * with {@code Retry-After}, instead of waiting for a connection until it times out.
         */
        @WithDefault("5000")
        int maxWaiting();

        /** What {@code Retry-After} says to a refused sender. */
        @WithDefault("1s")
        Duration retryAfter();
    }

    /** Alertmanager's webhook ({@code POST /integrations/alertmanager}): one notification carries a whole group. */
    interface Alertmanager {
        /**
         * The largest notification body taken; a larger one gets 413. A notification of 10,000 alerts with the
         * labels and annotations Prometheus rules usually set is about 3 MB.
         */
        @WithDefault("16M")
        MemorySize maxBodySize();

        /**
         * The most alerts one notification may hold; one with more gets 413, naming this number (Alertmanager's
         * {@code max_alerts} keeps its notifications under it).
         */
        @WithDefault("20000")
        int maxAlerts();
    }

    interface Attachments {
        /** The largest attachment taken; a larger upload gets 413. */
        @WithDefault("25M")
        MemorySize maxSize();

        /** The bytes of an attachment are kept and read back in pieces of this size. */
        @WithDefault("256K")
        MemorySize chunkSize();

        /** An upload that has not finished after this long was abandoned: what it wrote is deleted. */
        @WithDefault("1h")
        Duration abandonedAfter();
    }
}
