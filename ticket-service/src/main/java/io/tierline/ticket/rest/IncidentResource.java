package io.tierline.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Severity;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.ratelimit.LimitsItsOwnRate;
import io.tierline.platform.ratelimit.Priority;
import io.tierline.platform.ratelimit.RateLimiter;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.intake.AlertAction;
import io.tierline.ticket.intake.Incident;
import io.tierline.ticket.intake.IncidentIntake;
import io.tierline.ticket.intake.IntakeResult;
import io.tierline.ticket.security.IntegrationCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.util.UUID;

/**
 * The generic intake: any system reports an incident, with an integration key ({@code X-Tierline-Integration-Key})
 * bound to its customer, or a JWT with the {@code integration} role that names the customer.
 */
@Cancellable(false)
@Path("/api/v1/incidents")
@Tag(name = "Intake")
public class IncidentResource {

    /**
     * @param dedupKey names the alert: while its ticket is open, reports with the same key update it (required to
     *                 acknowledge or resolve)
     * @param action   TRIGGER (default), ACKNOWLEDGE or RESOLVE
     */
    public record ReportIncident(UUID customerId, @NotNull Severity severity, @NotBlank @Size(max = 300) String title,
                                 @Size(max = 20000) String description,
                                 @Size(max = Incident.MAX_DEDUP_KEY) String dedupKey, AlertAction action) {
    }

    private final IncidentIntake intake;
    private final SecurityIdentity identity;
    private final RateLimiter limiter;

    IncidentResource(IncidentIntake intake, SecurityIdentity identity, RateLimiter limiter) {
        this.intake = intake;
        this.identity = identity;
        this.limiter = limiter;
    }

    @RolesAllowed(Roles.INTEGRATION)
    @POST
    @ResponseStatus(202)
    @LimitsItsOwnRate
    @Operation(summary = "Report an incident: opens a ticket, or updates the open one with the same dedup key")
    public Uni<IntakeResult> report(@Valid @NotNull ReportIncident request) {
        // a SEV1 is the last report a busy key loses
        limiter.acquire(identity, Priority.of(request.severity()));
        UUID customer = IntegrationCaller.customerFor(identity, request.customerId(), "customerId");
        AlertAction action = request.action() == null ? AlertAction.TRIGGER : request.action();
        String dedupKey = request.dedupKey() == null || request.dedupKey().isBlank() ? null : request.dedupKey();
        if (dedupKey == null && action != AlertAction.TRIGGER) {
            throw ProblemException.badRequest("dedupKey", "is required to " + action.name().toLowerCase()
                    + " an incident");
        }
        return intake.receive(new Incident(customer, request.severity(), request.title(), request.description(),
                "incident", dedupKey, action), identity.getPrincipal().getName());
    }
}
