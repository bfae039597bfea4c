package io.tierline.ticket.intake;

import io.tierline.contracts.Severity;
import io.tierline.platform.input.StorableText;

import java.util.UUID;

/**
 * One alert from a monitoring source, whatever its format (PagerDuty, Alertmanager, the generic intake).
 *
 * @param source   {@code pagerduty}, {@code alertmanager} or {@code incident}
 * @param dedupKey names the alert: while its ticket is open, the same key updates that ticket
 */
public record Incident(UUID customerId, Severity severity, String title, String description, String source,
                       String dedupKey, AlertAction action) {

    public static final int MAX_TITLE = 300;
    public static final int MAX_DESCRIPTION = 20000;
    public static final int MAX_DEDUP_KEY = 255;

    public Incident {
        title = truncate(title, MAX_TITLE);
        description = truncate(description, MAX_DESCRIPTION);
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return StorableText.cut(text, max - 1) + "…";
    }
}
