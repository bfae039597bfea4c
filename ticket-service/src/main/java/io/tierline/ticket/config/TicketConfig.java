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
