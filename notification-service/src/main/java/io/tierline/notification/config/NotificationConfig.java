package io.tierline.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of page delivery; the test profile shortens the delays. */
@ConfigMapping(prefix = "tierline.notification")
public interface NotificationConfig {

    /** Base URL people reach this service at; ack links in pages start with it. */
    @WithDefault("http://127.0.0.1:8084")
    String publicUrl();

    Delivery delivery();

    interface Delivery {
        /** Rounds of delivery (each tries every contact method of the person) before a page is FAILED. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the second round; doubles for each further round. */
        @WithDefault("2s")
        Duration retryBackoff();

        /** Longest one request to a channel may take, connection included. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * Added to a round's longest duration (one {@link #timeout} per contact method) to make its lease: when no
         * answer was recorded by then (the instance died mid-request), the round is sent again. Covers recording the
         * answer; too short, and a slow recording makes a receiver see the page twice.
         */
        @WithDefault("10s")
        Duration leaseMargin();

        /**
         * Delivery rounds one instance has waiting for an answer at most. A page that comes due beyond it is looked
         * at again {@link #busyDelay} later, so a storm queues in the database instead of in memory.
         */
        @WithDefault("256")
        int maxInFlight();

        /** How much later a page that came due while {@link #maxInFlight} rounds were running is looked at again. */
        @WithDefault("200ms")
        Duration busyDelay();

        /** Connections kept open to one webhook host (kept alive between pages); further requests wait for one. */
        @WithDefault("64")
        int maxConnectionsPerHost();
    }
}
