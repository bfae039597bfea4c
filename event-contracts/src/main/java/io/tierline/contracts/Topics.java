package io.tierline.contracts;

import java.util.List;

/** Kafka topic names. Lifecycle topics are keyed by ticket id so each ticket's events stay in order. */
public final class Topics {
    public static final String TICKET_EVENTS = "tierline.ticket-events";
    public static final String ESCALATION_EVENTS = "tierline.escalation-events";
    public static final String SLA_EVENTS = "tierline.sla-events";
    public static final String PAGE_EVENTS = "tierline.page-events";
    /** People and how to reach them (notification-service), keyed by {@code person:<id>}. */
    public static final String PEOPLE_EVENTS = "tierline.people-events";
    /** Inbound incident events from other systems, keyed by dedup key. */
    public static final String INCIDENT_EVENTS = "tierline.incident-events";

    public static final List<String> ALL = List.of(TICKET_EVENTS, ESCALATION_EVENTS, SLA_EVENTS, PAGE_EVENTS, PEOPLE_EVENTS,
            INCIDENT_EVENTS);

    /**
     * Dead-letter topic of one consuming service's channel, e.g. {@code tierline.sla-service.ticket-events.dlq}.
     * Each consumer group gets its own so a poison record is parked for the service that could not handle it.
     */
    public static String deadLetter(String service, String topic) {
        return "tierline." + service + "." + topic.substring(topic.indexOf('.') + 1) + ".dlq";
    }

    private Topics() {
    }
}
