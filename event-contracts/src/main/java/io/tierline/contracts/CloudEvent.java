package io.tierline.contracts;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.tierline.contracts.events.Event;
import io.tierline.contracts.events.TicketEvent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in Kafka binary mode: attributes travel as {@code ce_*} headers, the record value is
 * the JSON data and the record key is the subject (the ticket id). An inbound event that concerns no ticket yet (an
 * incident another system reports) may have no subject.
 */
public record CloudEvent(UUID id, String type, String source, String subject, Instant time, String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    /** A new event for a payload, with a fresh id. */
    public static CloudEvent of(String source, Event payload, Instant time) {
        return new CloudEvent(UUID.randomUUID(), EventCatalog.of(payload).type(), source, payload.subject(), time,
                EventJson.write(payload));
    }

    public List<Header> headers() {
        List<Header> headers = new ArrayList<>(7);
        headers.add(header("ce_specversion", SPEC_VERSION));
        headers.add(header("ce_id", id.toString()));
        headers.add(header("ce_type", type));
        headers.add(header("ce_source", source));
        if (subject != null) {
            headers.add(header("ce_subject", subject));
        }
        headers.add(header("ce_time", time.toString()));
        headers.add(header("content-type", CONTENT_TYPE));
        return headers;
    }

    /**
     * Reads the envelope of a received record.
     *
     * @throws InvalidEventException if a required attribute is missing or malformed
     */
    public static CloudEvent from(Headers headers, String value) {
        String spec = required(headers, "ce_specversion");
        if (!SPEC_VERSION.equals(spec)) {
            throw new InvalidEventException("unsupported ce_specversion '" + spec + "'");
        }
        UUID id;
        try {
            id = UUID.fromString(required(headers, "ce_id"));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("ce_id is not a UUID");
        }
        Instant time;
        try {
            time = Instant.parse(required(headers, "ce_time"));
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("ce_time is not an RFC 3339 timestamp");
        }
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("record has no data");
        }
        String type = required(headers, "ce_type");
        String source = required(headers, "ce_source");
        // the subject names the ticket a lifecycle event is about; an inbound event may not have one (CloudEvents
        // makes it optional), but a type nobody knows is held to the stricter rule
        boolean needsSubject = EventCatalog.byType(type).map(EventCatalog.Entry::aboutTicket).orElse(true);
        String subject = needsSubject ? required(headers, "ce_subject") : optional(headers, "ce_subject");
        return new CloudEvent(id, type, source, subject, time, value);
    }

    /**
     * The data as the payload record its type names.
     *
     * @throws InvalidEventException if the type is unknown or the data does not match it
     */
    public <T> T payload(Class<T> expected) {
        EventCatalog.Entry entry = EventCatalog.byType(type)
                .orElseThrow(() -> new InvalidEventException("unknown ce_type '" + type + "'"));
        if (!expected.isAssignableFrom(entry.payload())) {
            throw new InvalidEventException("ce_type '" + type + "' is not a " + expected.getSimpleName());
        }
        T payload;
        try {
            payload = expected.cast(EventJson.mapper().readValue(data, entry.payload()));
        } catch (Exception e) {
            throw new InvalidEventException("data is not a valid " + entry.payload().getSimpleName() + ": "
                    + e.getClass().getSimpleName() + at(e));
        }
        if (payload == null) {
            throw new InvalidEventException("data is not a valid " + entry.payload().getSimpleName() + ": null");
        }
        if (payload instanceof TicketEvent event
                && (event.ticketId() == null || !event.ticketId().toString().equals(subject))) {
            throw new InvalidEventException("data.ticketId does not match ce_subject");
        }
        if (payload instanceof Event event && !(payload instanceof TicketEvent) && !event.subject().equals(subject)) {
            throw new InvalidEventException("the data's subject does not match ce_subject");
        }
        return payload;
    }

    /** Where in the data a mapping failure is (" at severity"), so the dead-letter reason names the field. */
    private static String at(Exception failure) {
        if (!(failure instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder(" at ");
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() > 4 ? "." : "").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null) {
            throw new InvalidEventException("missing header " + name);
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length == 0 ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
