package io.tierline.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** ticket-service's own settings, under {@code tierline.ticket}. */
@ConfigMapping(prefix = "tierline.ticket")
public interface TicketConfig {

    /** How long after it was resolved a ticket may still be reopened; after that it may only be closed. */
    @WithDefault("14d")
    Duration reopenWindow();
}
