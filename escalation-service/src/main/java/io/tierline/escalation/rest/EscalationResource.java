package io.tierline.escalation.rest;

import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.domain.TicketEscalation;
import io.tierline.escalation.service.EscalationService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/escalations")
@Tag(name = "Escalations")
public class EscalationResource {

    public record EscalationView(UUID ticketId, Severity severity, Plan plan, Tier tier, String team, String rule,
                                 List<Responder> responders, Instant routedAt, Instant updatedAt) {
        static EscalationView of(TicketEscalation e) {
            return new EscalationView(e.ticketId, e.severity, e.plan, e.tier, e.team, e.rule, e.responders,
                    e.routedAt, e.updatedAt);
        }
    }

    private final EscalationService escalations;

    EscalationResource(EscalationService escalations) {
        this.escalations = escalations;
    }

    /** The escalation state of a ticket: its tier, team, the rule that routed it and who is on call for it. */
    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{ticketId}")
    public Uni<EscalationView> get(@PathParam("ticketId") UUID ticketId) {
        return escalations.get(ticketId).map(EscalationView::of);
    }
}
