package io.tierline.ticket.intake;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.config.SmallRyeConfig;
import io.tierline.ticket.config.TicketConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents how many alerts a notification may hold: {@code maxItems} of its {@code alerts} is
 * {@code tierline.ticket.alertmanager.max-alerts}, as configured where the service runs (the resource checks it, not
 * a constraint on the record, so it cannot be read from the code when the document is built).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class AlertmanagerSchema implements OASFilter {

    static final String SCHEMA = AlertmanagerNotification.class.getSimpleName();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema notification = openAPI.getComponents().getSchemas().get(SCHEMA);
        if (notification == null || notification.getProperties() == null) {
            return;
        }
        Schema alerts = notification.getProperties().get("alerts");
        if (alerts != null) {
            int maxAlerts = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                    .getConfigMapping(TicketConfig.class).alertmanager().maxAlerts();
            alerts.setMaxItems(maxAlerts);
        }
    }
}
