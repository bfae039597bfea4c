package io.tierline.escalation.rest;

import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.domain.TicketEscalation;
import io.tierline.escalation.policy.EscalationRun;
import io.tierline.escalation.run.EscalationRuns;
import io.tierline.escalation.service.EscalationService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Cancellable(false)
@Path("/api/v1/escalations")
@Tag(name = "Escalations")
public class EscalationResource {

    /**
     * A ticket's escalation. {@code policy} is absent for a ticket whose team has no escalation policy.
     *
     * @param responders who stands for the ticket now: an SLA breach pages them
     */
    public record EscalationView(UUID ticketId, Severity severity, Plan plan, Tier tier, String team, String rule,
                                 List<Responder> responders, PolicyProgress policy, Instant routedAt,
                                 Instant updatedAt) {
    }

    /**
     * Where the escalation stands in its policy.
     *
     * @param level  the current level, from 1
     * @param round  the current round of the policy, from 1
     * @param status IDLE (nobody paged: the severity waits for an SLA alert), PAGING, ACKNOWLEDGED, RESOLVED or
     *               EXHAUSTED (every level of every tier paged, nobody acknowledged)
     * @param next   the next step (CLIMB or ACK_TIMEOUT) and when it is due; absent when none is
     * @param pages  who was paged at each level and when, oldest first
     */
    public record PolicyProgress(String id, EscalationRun.Status status, Severity severity, int level, int round,
                                 NextStep next, Acknowledgement acknowledgedBy, List<PageView> pages) {
    }

    public record NextStep(String kind, Instant at) {
    }

    public record Acknowledgement(String by, Instant at) {
    }

    public record PageView(Tier tier, int level, int round, String cause, List<Responder> responders, Instant at) {
    }

    private final EscalationService escalations;
    private final EscalationRuns runs;

    EscalationResource(EscalationService escalations, EscalationRuns runs) {
        this.escalations = escalations;
        this.runs = runs;
    }

    private EscalationView view(TicketEscalation e) {
        PolicyProgress progress = runs.state(e).map(run -> new PolicyProgress(run.policyId(), run.status(),
                run.severity(), run.level() + 1, run.repeat() + 1,
                run.nextStep() == null ? null : new NextStep(run.nextStep().kind().name(), run.nextStep().at()),
                run.acknowledgement() == null ? null
                        : new Acknowledgement(run.acknowledgement().by(), run.acknowledgement().at()),
                run.history().stream().map(p -> new PageView(p.tier(), p.level() + 1, p.repeat() + 1,
                        p.cause().name(), p.responders(), p.at())).toList())).orElse(null);
        return new EscalationView(e.ticketId, e.severity, e.plan, e.tier, e.team, e.rule, e.responders, progress,
                e.routedAt, e.updatedAt);
    }

    /**
     * The escalation of a ticket: its tier, team, the rule that routed it, who stands for it, and where it is in its
     * escalation policy: level, who was paged at each level and when, who acknowledged, the next step and when.
     */
    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{ticketId}")
    public Uni<EscalationView> get(@PathParam("ticketId") UUID ticketId) {
        return escalations.get(ticketId).map(this::view);
    }
}
