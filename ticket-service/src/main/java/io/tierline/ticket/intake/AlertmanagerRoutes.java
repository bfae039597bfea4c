package io.tierline.ticket.intake;

import io.tierline.platform.http.RouteBodyLimit;
import io.tierline.ticket.config.TicketConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Alertmanager's notifications take bodies up to {@code tierline.ticket.alertmanager.max-body-size}, not the API's
 * 512 KB: a notification carries a whole group of alerts, thousands of them in a fleet-wide outage, and one refused
 * is a group lost.
 */
@ApplicationScoped
public class AlertmanagerRoutes {

    @Produces
    @Singleton
    RouteBodyLimit notifications(TicketConfig config) {
        return RouteBodyLimit.of("alertmanager", "/integrations/alertmanager/?",
                config.alertmanager().maxBodySize().asLongValue());
    }
}
