package io.tierline.ticket.messaging;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.InvalidEventException;
import io.tierline.contracts.events.IncidentReported;
import io.tierline.platform.inbox.IdempotentConsumer;
import io.tierline.ticket.domain.Integration;
import io.tierline.ticket.integration.KeyHolder;
import io.tierline.ticket.intake.Incident;
import io.tierline.ticket.intake.IncidentIntake;
import io.tierline.ticket.intake.IntakeResult;
import io.tierline.ticket.intake.ReportedIncident;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Incidents other systems report on {@code tierline.incident-events}, applied as {@code POST /api/v1/incidents} with
 * the named integration's key would apply them: the same checks, the same dedup, for the integration's customer and
 * as {@code integration:<id>}. The intake runs in the consumer's transaction, so the ticket and the event's
 * {@code ce_id} commit together and a redelivered record changes nothing. An event naming an unknown or revoked
 * integration, or with invalid data, can never be applied: it is dead-lettered at once, with the reason.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    static final String CHANNEL = "incident-events";

    private record Applied(List<Incident> incidents, List<IntakeResult> results) {
    }

    private final IdempotentConsumer consumer;
    private final IncidentIntake intake;

    IncidentEventsConsumer(IdempotentConsumer consumer, IncidentIntake intake) {
        this.consumer = consumer;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onIncidentEvent(ConsumerRecord<String, String> record) {
        // Counted once the transaction has committed, so a rolled-back and retried attempt is not counted twice.
        AtomicReference<Applied> applied = new AtomicReference<>();
        return consumer.apply(CHANNEL, record, event -> {
                    applied.set(null);
                    ReportedIncident reported = ReportedIncident.of(event.payload(IncidentReported.class));
                    return reporter(reported.integrationId())
                            .flatMap(integration -> {
                                List<Incident> incidents = List.of(reported.toIncident(integration.customerId));
                                // a lost dedup race fails the whole transaction, which the consumer runs again
                                return intake.receiveWithin(incidents, KeyHolder.principalOf(integration.id))
                                        .invoke(results -> applied.set(new Applied(incidents, results)));
                            })
                            .replaceWithVoid();
                })
                .invoke(() -> {
                    Applied done = applied.get();
                    if (done != null) {
                        intake.count(done.incidents(), done.results());
                    }
                });
    }

    /** The integration the event names, if it may still report: as a revoked key is refused at once. */
    private static Uni<Integration> reporter(UUID integrationId) {
        return Integration.<Integration>findById(integrationId).map(integration -> {
            if (integration == null) {
                throw new InvalidEventException("unknown integration " + integrationId);
            }
            if (integration.revoked()) {
                throw new InvalidEventException("integration " + integrationId + " is revoked");
            }
            return integration;
        });
    }
}
