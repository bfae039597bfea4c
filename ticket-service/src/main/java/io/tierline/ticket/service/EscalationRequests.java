package io.tierline.ticket.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.EventJson;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.ReproductionPackage;
import io.tierline.contracts.events.TicketEscalationRequested;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.Escalation;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.escalation.EscalationRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Requests to hand a ticket up a tier. The request, its event and its timeline entry commit together;
 * escalation-service then moves the tier and team, and the ticket shows it when its tier-changed event arrives.
 */
@ApplicationScoped
public class EscalationRequests {

    /** @param by the caller's identity */
    public record NewEscalation(Tier target, String reason, ReproductionPackage reproduction, String by) {
    }

    private final TicketEvents events;
    private final Clock clock;

    EscalationRequests(TicketEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Escalation> request(UUID ticketId, NewEscalation request) {
        return Ticket.forChange(ticketId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .flatMap(ticket -> {
                    EscalationRules.refusal(ticket.status, ticket.tier, request.target()).ifPresent(why -> {
                        throw new ProblemException(Problem.of(409, "escalation-refused", "Escalation not possible",
                                why, List.of(new Problem.FieldError("targetTier", why))));
                    });
                    List<String> missing = EscalationRules.missing(request.target(), request.reproduction());
                    if (!missing.isEmpty()) {
                        throw ProblemException.unprocessable("incomplete-reproduction-package",
                                "Reproduction package incomplete",
                                "An escalation to L3 needs a complete reproduction package; missing: "
                                        + String.join(", ", missing),
                                missing.stream().map(field -> new Problem.FieldError(field,
                                        "is required for an escalation to L3")).toList());
                    }
                    List<UUID> attachments = request.reproduction() == null ? List.of()
                            : request.reproduction().attachmentIds();
                    return Attachments.unknown(ticketId, attachments).flatMap(unknown -> {
                        if (!unknown.isEmpty()) {
                            throw ProblemException.unprocessable("unknown-attachment", "Unknown attachment",
                                    "The ticket has no attachment " + unknown.get(0),
                                    List.of(new Problem.FieldError("reproduction.attachmentIds",
                                            "not attachments of this ticket: " + unknown)));
                        }
                        return persist(ticket, request);
                    });
                });
    }

    private Uni<Escalation> persist(Ticket ticket, NewEscalation request) {
        UUID ticketId = ticket.id;
        Instant now = clock.instant();
        Escalation escalation = new Escalation();
        escalation.id = UUID.randomUUID();
        escalation.ticketId = ticketId;
        escalation.fromTier = ticket.tier;
        escalation.toTier = request.target();
        escalation.reason = request.reason();
        escalation.reproduction = request.reproduction() == null ? null
                : EventJson.write(request.reproduction());
        escalation.requestedBy = request.by();
        escalation.requestedAt = now;
        ticket.updatedAt = now;
        TicketEscalationRequested requested = new TicketEscalationRequested(ticketId, escalation.id,
                ticket.tier, request.target(), request.reason(), request.reproduction(), request.by(), now);
        return escalation.persist()
                .flatMap(persisted -> events.emit(requested))
                .replaceWith(escalation);
    }

    /** The ticket's escalation requests, oldest first. */
    @WithSession
    public Uni<List<Escalation>> of(UUID ticketId) {
        return Ticket.<Ticket>findById(ticketId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .flatMap(ticket -> Escalation.<Escalation>find("ticketId = ?1 order by requestedAt, id", ticketId).list());
    }

    @WithSession
    public Uni<Escalation> get(UUID ticketId, UUID escalationId) {
        return Escalation.<Escalation>find("ticketId = ?1 and id = ?2", ticketId, escalationId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation", escalationId));
    }

    /** The package an escalation carried, read back from its stored JSON. */
    public static ReproductionPackage reproduction(Escalation escalation) {
        if (escalation.reproduction == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(escalation.reproduction, ReproductionPackage.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored reproduction package of escalation " + escalation.id
                    + " is not readable", e);
        }
    }
}
