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
    }
}
