package io.tierline.ticket.messaging;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.InvalidEventException;
import io.tierline.contracts.events.IncidentReported;
import io.tierline.platform.commit.CommitSignals;
import io.tierline.platform.inbox.IdempotentConsumer;
import io.tierline.ticket.domain.Integration;
import io.tierline.ticket.integration.KeyHolder;
import io.tierline.ticket.intake.Incident;
import io.tierline.ticket.intake.IncidentIntake;
import io.tierline.ticket.intake.IntakeResult;
import io.tierline.ticket.intake.ReportedIncident;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.UUID;

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

    private final IdempotentConsumer consumer;
    private final IncidentIntake intake;
    private final CommitSignals signals;

    IncidentEventsConsumer(IdempotentConsumer consumer, IncidentIntake intake, CommitSignals signals) {
        this.consumer = consumer;
        this.intake = intake;
        this.signals = signals;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onIncidentEvent(ConsumerRecords<String, String> records) {
        return consumer.applyAll(CHANNEL, records, event -> {
                    ReportedIncident reported = ReportedIncident.of(event.payload(IncidentReported.class));
                    return reporter(reported.integrationId())
                            .flatMap(integration -> {
                                List<Incident> incidents = List.of(reported.toIncident(integration.customerId));
                                // a lost dedup race fails the whole transaction, which the consumer runs again
                                return intake.receiveWithin(incidents, KeyHolder.principalOf(integration.id))
                                        // counted once committed: a rolled-back, retried attempt counts nothing
                                        .invoke(results -> signals.afterCommit(
                                                () -> intake.count(incidents, results)));
                            })
                            .replaceWithVoid();
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
