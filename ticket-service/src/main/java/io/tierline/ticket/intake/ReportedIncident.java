package io.tierline.ticket.intake;

import io.tierline.contracts.InvalidEventException;
import io.tierline.contracts.Severity;
import io.tierline.contracts.events.IncidentReported;
import io.tierline.platform.input.StorableText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An incident reported on Kafka ({@code tierline.incident.reported}), checked by the rules and limits the generic
 * intake's body ({@code POST /api/v1/incidents}) is checked by. What is wrong is the reason the record is
 * dead-lettered with, every fault named, as a problem answer names every field.
 */
public record ReportedIncident(UUID integrationId, Severity severity, String title, String description,
                               String dedupKey, AlertAction action) {

    /** The ticket source (and metric source) of incidents that arrive on Kafka. */
    public static final String SOURCE = "kafka";

    /** @throws InvalidEventException naming every field at fault */
    public static ReportedIncident of(IncidentReported data) {
        List<String> errors = new ArrayList<>();
        if (data.integrationId() == null) {
            errors.add("integrationId is required");
        }
        if (data.severity() == null) {
            errors.add("severity is required");
        }
        String title = text("title", data.title(), Incident.MAX_TITLE, errors);
        if (data.title() == null || data.title().isBlank()) {
            errors.add("title is required and must not be blank");
        }
        String description = text("description", data.description(), Incident.MAX_DESCRIPTION, errors);
        String dedupKey = text("dedupKey", data.dedupKey(), Incident.MAX_DEDUP_KEY, errors);
        if (dedupKey != null && dedupKey.isBlank()) {
            dedupKey = null;
        }
        AlertAction action = action(data.action(), errors);
        if (dedupKey == null && action != null && action != AlertAction.TRIGGER) {
            errors.add("dedupKey is required to " + action.name().toLowerCase(Locale.ROOT) + " an incident");
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException("invalid incident: " + String.join("; ", errors));
        }
        return new ReportedIncident(data.integrationId(), data.severity(), title, description, dedupKey, action);
    }

    /** The alert, for the integration's customer. */
    public Incident toIncident(UUID customerId) {
        return new Incident(customerId, severity, title, description, SOURCE, dedupKey, action);
    }

    /** TRIGGER when absent; otherwise exactly one of the actions' names, as the REST intake reads it. */
    private static AlertAction action(String value, List<String> errors) {
        if (value == null) {
            return AlertAction.TRIGGER;
        }
        for (AlertAction action : AlertAction.values()) {
            if (action.name().equals(value)) {
                return action;
            }
        }
        errors.add("action must be one of TRIGGER, ACKNOWLEDGE, RESOLVE");
        return null;
    }

    /** The text as sent when it is within {@code max} characters and storable; null (and an error) otherwise. */
    private static String text(String field, String value, int max, List<String> errors) {
        if (value == null) {
            return null;
        }
        String defect = StorableText.defect(value);
        if (defect != null) {
            errors.add(field + " " + defect);
            return null;
        }
        if (value.length() > max) {
            errors.add(field + " is longer than " + max + " characters");
            return null;
        }
        return value;
    }
}
