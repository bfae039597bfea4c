package io.tierline.ticket.intake;

import io.tierline.contracts.Severity;
import io.tierline.platform.input.StorableText;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One alert from a monitoring source, whatever its format (PagerDuty, Alertmanager, the generic intake, Kafka).
 *
 * @param source   {@code pagerduty}, {@code alertmanager}, {@code incident} or {@code kafka}
 * @param dedupKey names the alert: while its ticket is open, the same key updates that ticket
 * @param startsAt when the alert began firing, for sources that say so (Alertmanager): a trigger naming the start
 *                 already counted is the same firing re-sent, not another occurrence. Null for the others, whose
 *                 every trigger counts
 */
public record Incident(UUID customerId, Severity severity, String title, String description, String source,
                       String dedupKey, AlertAction action, Instant startsAt) {

    public static final int MAX_TITLE = 300;
    public static final int MAX_DESCRIPTION = 20000;
    public static final int MAX_DEDUP_KEY = 255;

    public Incident {
        title = truncate(title, MAX_TITLE);
        description = truncate(description, MAX_DESCRIPTION);
        // kept at the database's precision, so the start of a re-sent alert (Alertmanager writes nanoseconds)
        // compares equal to the one stored when it was counted
        startsAt = startsAt == null ? null : startsAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** An alert from a source that does not say when it began: every trigger counts. */
    public Incident(UUID customerId, Severity severity, String title, String description, String source,
                    String dedupKey, AlertAction action) {
        this(customerId, severity, title, description, source, dedupKey, action, null);
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return StorableText.cut(text, max - 1) + "…";
    }
}
