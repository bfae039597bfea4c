package io.tierline.ticket.intake;

import io.tierline.contracts.Severity;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The body of an Alertmanager webhook notification (version 4): a group of alerts, each firing or resolved. Every
 * alert becomes one {@link Incident}, named by its fingerprint (or, from senders that leave it out, by its labels),
 * so a re-sent notification updates the same tickets; an alert's {@code startsAt} tells a re-sent firing (the same
 * start) from a new one.
 */
public record AlertmanagerNotification(
        @NotNull @Size(max = 8) @Pattern(regexp = "4", message = "only version 4 of the webhook is understood")
        String version,
        @Size(max = 4096) String groupKey,
        Integer truncatedAlerts,
        @NotNull @Size(max = 16) @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
        String status,
        @Size(max = 255) String receiver,
        @Size(max = 100) Map<@Size(max = 255) @LabelName String, @NotNull @Size(max = 4096) String> groupLabels,
        @Size(max = 100) Map<@Size(max = 255) @LabelName String, @NotNull @Size(max = 4096) String> commonLabels,
        @Size(max = 100) Map<@Size(max = 255) @LabelName String, @NotNull @Size(max = 20000) String> commonAnnotations,
        @Size(max = 2048) String externalURL,
        // at most tierline.ticket.alertmanager.max-alerts, checked by the resource (and so documented by
        // AlertmanagerSchema), not here: the limit is configured
        @NotNull @Size(min = 1) List<@NotNull @Valid Alert> alerts) {

    public record Alert(
            @NotNull @Size(max = 16) @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
            String status,
            @NotNull @Size(min = 1, max = 100)
            Map<@Size(max = 255) @LabelName String, @NotNull @Size(max = 4096) String> labels,
            @Size(max = 100) Map<@Size(max = 255) @LabelName String, @NotNull @Size(max = 20000) String> annotations,
            Instant startsAt,
            Instant endsAt,
            @Size(max = 2048) String generatorURL,
            @Size(max = 255) String fingerprint) {
    }

    /** A Prometheus label (or annotation) name: what Alertmanager sends, and nothing a database cannot keep. */
    @Pattern(regexp = "[a-zA-Z_][a-zA-Z0-9_]*", message = "must be a Prometheus label name")
    @Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {})
    public @interface LabelName {
        String message() default "must be a Prometheus label name";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    private static final Map<String, Severity> SEVERITIES = Map.ofEntries(
            Map.entry("critical", Severity.SEV1), Map.entry("page", Severity.SEV1),
            Map.entry("error", Severity.SEV2), Map.entry("high", Severity.SEV2), Map.entry("major", Severity.SEV2),
            Map.entry("warning", Severity.SEV3), Map.entry("medium", Severity.SEV3), Map.entry("minor", Severity.SEV3),
            Map.entry("info", Severity.SEV4), Map.entry("low", Severity.SEV4), Map.entry("none", Severity.SEV4));

    /** An alert's {@code severity} label, as Prometheus rules usually set it; SEV3 when it has none we know. */
    public static Severity severityOf(Map<String, String> labels) {
        String label = labels == null ? null : labels.get("severity");
        return label == null ? Severity.SEV3 : SEVERITIES.getOrDefault(label.strip().toLowerCase(Locale.ROOT),
                Severity.SEV3);
    }

    /** The most urgent severity among the alerts (a notification is as urgent as its worst alert). */
    public Severity worstSeverity() {
        return alerts.stream().map(a -> severityOf(a.labels())).min(Enum::compareTo).orElse(Severity.SEV4);
    }

    public List<Incident> toIncidents(UUID customerId) {
        return alerts.stream().map(alert -> toIncident(alert, customerId)).toList();
    }

    private Incident toIncident(Alert alert, UUID customerId) {
        Map<String, String> labels = new TreeMap<>(alert.labels());
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
        String name = labels.get("alertname");
        if (name == null || name.isBlank()) {
            name = "Alert";
        }
        String summary = annotations.get("summary");
        String title = summary == null || summary.isBlank() ? name : name + ": " + summary;
        StringBuilder description = new StringBuilder();
        String text = annotations.get("description");
        if (text != null && !text.isBlank()) {
            description.append(text.strip()).append("\n\n");
        }
        description.append("Labels:");
        labels.forEach((k, v) -> description.append("\n  ").append(k).append('=').append(v));
        if (alert.startsAt() != null) {
            description.append("\nStarts at: ").append(alert.startsAt());
        }
        if (alert.generatorURL() != null && !alert.generatorURL().isBlank()) {
            description.append("\nSource: ").append(alert.generatorURL());
        }
        String dedupKey = alert.fingerprint() != null && !alert.fingerprint().isBlank()
                ? alert.fingerprint() : labelHash(labels);
        AlertAction action = "resolved".equals(alert.status()) ? AlertAction.RESOLVE : AlertAction.TRIGGER;
        // Alertmanager re-sends a firing alert every repeat_interval with the startsAt it began with
        return new Incident(customerId, severityOf(labels), title, description.toString(), "alertmanager", dedupKey,
                action, alert.startsAt());
    }

    /** Alertmanager's own identity of an alert is its label set; hash it the same way every time. */
    static String labelHash(Map<String, String> sortedLabels) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            sortedLabels.forEach((k, v) -> {
                digest.update(k.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
