package io.tierline.ticket.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import io.tierline.contracts.Severity;
import io.tierline.platform.input.StorableText;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event of the PagerDuty Events API v2 ({@code POST /v2/enqueue}), checked field by field so that a monitoring
 * tool gets PagerDuty's own answer: the list of what is wrong, or the dedup key of the alert.
 *
 * @param routingKey the integration key (from the body, or the {@code X-Routing-Key} header some clients use)
 */
public record PagerDutyEvent(String routingKey, AlertAction action, String dedupKey, String summary, String source,
                             Severity severity, String description) {

    private static final Map<String, Severity> SEVERITIES = Map.of(
            "critical", Severity.SEV1, "error", Severity.SEV2, "warning", Severity.SEV3, "info", Severity.SEV4);
    private static final int MAX_SUMMARY = 1024;
    private static final int MAX_FIELD = 255;
    private static final int MAX_URL = 2048;
    private static final int MAX_DETAILS = 100;
    /** A date-time whose offset has no colon ({@code +0000}) or no minutes ({@code +02}). */
    private static final Pattern COMPACT_OFFSET = Pattern.compile("(.*T.*)([+-]\\d{2})(\\d{2})?");
    private static final JsonFactory SCANNER = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    /** The event, or what is wrong with it. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    public record Valid(PagerDutyEvent event) implements Parsed {
    }

    public record Invalid(List<String> errors) implements Parsed {
    }

    /**
     * @param body      the request body, already parsed as JSON
     * @param headerKey the {@code X-Routing-Key} header, or null
     */
    public static Parsed parse(JsonNode body, String headerKey) {
        List<String> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Invalid(List.of("Event object must be a JSON object"));
        }
        String routingKey = text(body, "routing_key", MAX_FIELD, errors);
        if (routingKey == null && headerKey != null && !headerKey.isBlank()) {
            routingKey = headerKey.strip();
        }
        String actionText = text(body, "event_action", MAX_FIELD, errors);
        AlertAction action = null;
        if (actionText == null) {
            errors.add("'event_action' is missing or blank");
        } else {
            switch (actionText) {
                case "trigger" -> action = AlertAction.TRIGGER;
                case "acknowledge" -> action = AlertAction.ACKNOWLEDGE;
                case "resolve" -> action = AlertAction.RESOLVE;
                default -> errors.add("'event_action' must be one of trigger, acknowledge, resolve");
            }
        }
        String dedupKey = text(body, "dedup_key", MAX_FIELD, errors);
        text(body, "client", MAX_FIELD, errors);
        text(body, "client_url", MAX_URL, errors);
        if (dedupKey == null && action != null && action != AlertAction.TRIGGER) {
            errors.add("'dedup_key' is required to " + actionText + " an alert");
        }
        String summary = null;
        String source = null;
        Severity severity = null;
        String description = null;
        JsonNode payload = body.get("payload");
        boolean hasPayload = payload != null && !payload.isNull();
        if (action == AlertAction.TRIGGER || hasPayload) {
            // required to trigger; to acknowledge or resolve it may be left out, but one that is sent must be valid
            if (payload == null || !payload.isObject()) {
                errors.add("'payload' is missing or not an object");
            } else {
                summary = required(payload, "summary", MAX_SUMMARY, errors);
                source = required(payload, "source", MAX_FIELD, errors);
                String severityText = required(payload, "severity", MAX_FIELD, errors);
                if (severityText != null) {
                    severity = SEVERITIES.get(severityText.toLowerCase(Locale.ROOT));
                    if (severity == null) {
                        errors.add("'payload.severity' must be one of critical, error, warning, info");
                    }
                }
                description = describe(payload, source, errors);
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(List.copyOf(errors));
        }
        if (dedupKey == null) {
            dedupKey = UUID.randomUUID().toString().replace("-", "");
        }
        return new Valid(new PagerDutyEvent(routingKey, action, dedupKey, summary, source, severity, description));
    }

    /**
     * The top-level {@code routing_key} of a body the strict reader refused (a string or nesting over the input
     * limits), found by scanning it without those limits: the body is within the size limit, and only the key is
     * kept. Null when the body is not JSON up to the key, or has none.
     */
    public static String routingKeyIn(String body) {
        if (body == null) {
            return null;
        }
        try (JsonParser parser = SCANNER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("routing_key".equals(field)) {
                    return value == JsonToken.VALUE_STRING && !parser.getText().isBlank()
                            ? parser.getText().strip() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    public Incident toIncident(UUID customerId) {
        return new Incident(customerId, severity, summary, description, "pagerduty", dedupKey, action);
    }

    private static String describe(JsonNode payload, String source, List<String> errors) {
        StringBuilder text = new StringBuilder();
        if (source != null) {
            text.append("Source: ").append(source).append('\n');
        }
        for (String field : List.of("component", "group", "class", "timestamp")) {
            String value = text(payload, field, MAX_FIELD, errors, "payload.");
            if (value != null && field.equals("timestamp") && timestamp(value) == null) {
                errors.add("'payload.timestamp' must be an ISO 8601 date-time with an offset, such as "
                        + "2015-07-17T08:42:58.315+0000");
            } else if (value != null) {
                text.append(Character.toUpperCase(field.charAt(0))).append(field.substring(1)).append(": ")
                        .append(value).append('\n');
            }
        }
        JsonNode details = payload.get("custom_details");
        if (details != null && !details.isNull() && !details.isObject()) {
            errors.add("'payload.custom_details' must be an object");
        } else if (details != null && details.size() > MAX_DETAILS) {
            errors.add("'payload.custom_details' has more than " + MAX_DETAILS + " fields");
        } else if (details != null && !details.isNull()) {
            String defect = textDefect(details);
            if (defect != null) {
                errors.add("'payload.custom_details' " + defect);
            } else {
                text.append("Details: ").append(details).append('\n');
            }
        }
        return text.isEmpty() ? null : text.toString().strip();
    }

    /**
     * The instant an ISO 8601 date-time with an offset names, in the forms PagerDuty's own examples use
     * ({@code 2015-07-17T08:42:58.315+0000}) as well as RFC 3339's ({@code Z}, {@code +01:00}); null otherwise.
     */
    static Instant timestamp(String value) {
        Matcher offset = COMPACT_OFFSET.matcher(value);
        String normalized = offset.matches()
                ? offset.group(1) + offset.group(2) + ":" + (offset.group(3) == null ? "00" : offset.group(3))
                : value;
        try {
            return OffsetDateTime.parse(normalized).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The first defect of a field name or string value anywhere in the tree that PostgreSQL could not store. */
    private static String textDefect(JsonNode node) {
        if (node.isTextual()) {
            return StorableText.defect(node.asText());
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String defect = StorableText.defect(field.getKey());
            if (defect == null) {
                defect = textDefect(field.getValue());
            }
            if (defect != null) {
                return defect;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String defect = textDefect(element);
                if (defect != null) {
                    return defect;
                }
            }
        }
        return null;
    }

    private static String required(JsonNode node, String field, int max, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add("'payload." + field + "' is missing");
            return null;
        }
        if (value.isTextual() && value.asText().isBlank()) {
            errors.add("'payload." + field + "' is blank");
            return null;
        }
        return text(node, field, max, errors, "payload.");
    }

    private static String text(JsonNode node, String field, int max, List<String> errors) {
        return text(node, field, max, errors, "");
    }

    /** A string field: null when absent or blank; a wrong type or an over-long value is an error. */
    private static String text(JsonNode node, String field, int max, List<String> errors, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add("'" + prefix + field + "' must be a string");
            return null;
        }
        String text = value.asText();
        String defect = StorableText.defect(text);
        if (defect != null) {
            errors.add("'" + prefix + field + "' " + defect);
            return null;
        }
        if (text.length() > max) {
            errors.add("'" + prefix + field + "' is longer than " + max + " characters");
            return null;
        }
        return text.isBlank() ? null : text;
    }
}
