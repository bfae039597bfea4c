package io.tierline.contracts;

import io.tierline.contracts.events.IncidentReported;
import io.tierline.contracts.events.ContactMethodsChanged;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.contracts.events.PageDelivered;
import io.tierline.contracts.events.PageFailed;
import io.tierline.contracts.events.PageRequested;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.SlaMet;
import io.tierline.contracts.events.SlaWarning;
import io.tierline.contracts.events.TicketAlertUpdated;
import io.tierline.contracts.events.TicketArticleLinked;
import io.tierline.contracts.events.TicketAttachmentAdded;
import io.tierline.contracts.events.TicketAssigned;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketEscalationRequested;
import io.tierline.contracts.events.Event;
import io.tierline.contracts.events.TicketEvent;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketProblemLinked;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.contracts.events.TicketSeverityChanged;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.contracts.events.TicketUpdated;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every event type: its {@code ce_type}, its payload record and the topic it travels on. Lifecycle events concern one
 * ticket ({@link TicketEvent}: its id is the key and the subject), people events one person; inbound events from other
 * systems concern none yet.
 */
public final class EventCatalog {

    public record Entry(String type, Class<? extends Record> payload, String topic) {

        /** Whether the event concerns one ticket, whose id is then its {@code ce_subject} and record key. */
        public boolean aboutTicket() {
            return TicketEvent.class.isAssignableFrom(payload);
        }
    }

    private static final Map<String, Entry> BY_TYPE = Stream.of(
            new Entry(EventTypes.TICKET_OPENED, TicketOpened.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_COMMENTED, TicketCommented.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_ALERT_UPDATED, TicketAlertUpdated.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_STATUS_CHANGED, TicketStatusChanged.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_SEVERITY_CHANGED, TicketSeverityChanged.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_ASSIGNED, TicketAssigned.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_UPDATED, TicketUpdated.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_ESCALATION_REQUESTED, TicketEscalationRequested.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_PROBLEM_LINKED, TicketProblemLinked.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_ARTICLE_LINKED, TicketArticleLinked.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_ATTACHMENT_ADDED, TicketAttachmentAdded.class, Topics.TICKET_EVENTS),
            new Entry(EventTypes.TICKET_ROUTED, TicketRouted.class, Topics.ESCALATION_EVENTS),
            new Entry(EventTypes.TICKET_TIER_CHANGED, TicketTierChanged.class, Topics.ESCALATION_EVENTS),
            new Entry(EventTypes.PAGE_REQUESTED, PageRequested.class, Topics.ESCALATION_EVENTS),
            new Entry(EventTypes.SLA_WARNING, SlaWarning.class, Topics.SLA_EVENTS),
            new Entry(EventTypes.SLA_BREACHED, SlaBreached.class, Topics.SLA_EVENTS),
            new Entry(EventTypes.SLA_MET, SlaMet.class, Topics.SLA_EVENTS),
            new Entry(EventTypes.PAGE_DELIVERED, PageDelivered.class, Topics.PAGE_EVENTS),
            new Entry(EventTypes.PAGE_FAILED, PageFailed.class, Topics.PAGE_EVENTS),
            new Entry(EventTypes.PAGE_ACKNOWLEDGED, PageAcknowledged.class, Topics.PAGE_EVENTS),
            new Entry(EventTypes.INCIDENT_REPORTED, IncidentReported.class, Topics.INCIDENT_EVENTS),
            new Entry(EventTypes.CONTACT_METHODS_CHANGED, ContactMethodsChanged.class, Topics.PEOPLE_EVENTS))
            .collect(Collectors.toUnmodifiableMap(Entry::type, e -> e));

    private static final Map<Class<?>, Entry> BY_PAYLOAD = BY_TYPE.values().stream()
            .collect(Collectors.toUnmodifiableMap(Entry::payload, e -> e));

    public static Optional<Entry> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Entry of(Event payload) {
        Entry entry = BY_PAYLOAD.get(payload.getClass());
        if (entry == null) {
            throw new IllegalArgumentException("No event type registered for " + payload.getClass().getName());
        }
        return entry;
    }

    public static Collection<Entry> all() {
        return BY_TYPE.values();
    }

    private EventCatalog() {
    }
}
