package io.tierline.sla.rest;

import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.platform.problem.ProblemException;
import io.tierline.sla.clock.ClockStatus;
import io.tierline.sla.clock.SlaClock;
import io.tierline.sla.clock.SlaClocks;
import io.tierline.sla.policy.SlaPolicy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Cancellable(false)
@Path("/api/v1")
@Tag(name = "SLA")
public class TicketSlaResource {

    public record ClockView(SlaClockKind kind, ClockStatus status, Plan plan, Severity severity, Duration target,
                            Instant startedAt, Instant warningAt, Instant dueAt, Instant warnedAt,
                            Instant breachedAt, Instant metAt, boolean late) {
        static ClockView of(SlaClock c) {
            return new ClockView(c.kind, c.status, c.plan, c.severity, Duration.ofMillis(c.targetMillis), c.startedAt,
                    c.warningAt, c.dueAt, c.warnedAt, c.breachedAt, c.metAt, c.late);
        }
    }

    public record TicketSla(UUID ticketId, List<ClockView> clocks) {
    }

    public record PolicyView(int warningThresholdPercent, Map<String, Map<String, Duration>> firstResponse,
                             String calendar) {
    }

    private final SlaClocks clocks;
    private final SlaPolicy policy;

    TicketSlaResource(SlaClocks clocks, SlaPolicy policy) {
        this.clocks = clocks;
        this.policy = policy;
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/tickets/{ticketId}/sla")
    public Uni<TicketSla> ticket(@PathParam("ticketId") UUID ticketId) {
        return clocks.of(ticketId).map(list -> {
            if (list.isEmpty()) {
                throw ProblemException.notFound("SLA clock", ticketId);
            }
            return new TicketSla(ticketId, list.stream().map(ClockView::of).toList());
        });
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/sla-policies")
    public PolicyView policies() {
        return new PolicyView(policy.warningThresholdPercent(), policy.firstResponseTargets(), "24x7");
    }
}
