package io.tierline.escalation.messaging;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.events.ContactMethodsChanged;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.SlaWarning;
import io.tierline.escalation.people.People;
import io.tierline.escalation.policy.SlaAlert;
import io.tierline.escalation.run.RunTriggers;
import io.tierline.platform.inbox.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What other services say that moves an escalation: an SLA clock warning or breaching (sla-service) may move the
 * ticket up a tier as its policy says, an acknowledged page (notification-service) stops the climb, and people's
 * contact methods (notification-service) tell whom a policy would page in vain.
 */
@ApplicationScoped
public class EscalationSignalsConsumer {

    private final IdempotentConsumer consumer;
    private final RunTriggers runs;
    private final People people;

    EscalationSignalsConsumer(IdempotentConsumer consumer, RunTriggers runs, People people) {
        this.consumer = consumer;
        this.runs = runs;
        this.people = people;
    }

    /** How people can be reached (notification-service): the policy check reports the ones it cannot. */
    @Incoming("people-events")
    public Uni<Void> onPeopleEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("people-events", records, event -> EventTypes.CONTACT_METHODS_CHANGED.equals(event.type())
                ? people.changed(event.payload(ContactMethodsChanged.class))
                : Uni.createFrom().voidItem());
    }

    @Incoming("sla-events")
    public Uni<Void> onSlaEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("sla-events", records, event -> switch (event.type()) {
            case EventTypes.SLA_WARNING -> {
                SlaWarning warning = event.payload(SlaWarning.class);
                yield runs.slaAlert(warning.ticketId(), warning.clock(), SlaAlert.WARNING, warning.warnedAt())
                        .replaceWithVoid();
            }
            case EventTypes.SLA_BREACHED -> {
                SlaBreached breached = event.payload(SlaBreached.class);
                yield runs.slaAlert(breached.ticketId(), breached.clock(), SlaAlert.BREACH,
                        breached.breachedAt() != null ? breached.breachedAt() : breached.dueAt()).replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("page-events")
    public Uni<Void> onPageEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll("page-events", records, event -> {
            if (!EventTypes.PAGE_ACKNOWLEDGED.equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            PageAcknowledged acknowledged = event.payload(PageAcknowledged.class);
            return runs.acknowledged(acknowledged.ticketId(), acknowledged.acknowledgedBy(),
                    acknowledged.acknowledgedAt()).replaceWithVoid();
        });
    }
}
