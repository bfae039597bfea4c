package io.tierline.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.ratelimit.LimitsItsOwnRate;
import io.tierline.platform.ratelimit.Priority;
import io.tierline.platform.ratelimit.RateLimiter;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.intake.AlertmanagerNotification;
import io.tierline.ticket.intake.IncidentIntake;
import io.tierline.ticket.intake.IntakeResult;
import io.tierline.ticket.security.IntegrationCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Alertmanager's webhook receiver ({@code webhook_configs}, version 4). Alertmanager authenticates with the
 * integration key as {@code http_config.authorization.credentials} (a bearer) or as the {@code basic_auth}
 * password (a system calling with a JWT names the customer in {@code ?customerId=}). Every firing alert opens a ticket or counts on its open one; a resolved alert is recorded on it.
 */
@Path("/integrations/alertmanager")
@Tag(name = "Intake")
public class AlertmanagerResource {

    public record Received(int alerts, List<IntakeResult> results) {
    }

    private final IncidentIntake intake;
    private final SecurityIdentity identity;
    private final RateLimiter limiter;

    AlertmanagerResource(IncidentIntake intake, SecurityIdentity identity, RateLimiter limiter) {
        this.intake = intake;
        this.identity = identity;
        this.limiter = limiter;
    }

    @RolesAllowed(Roles.INTEGRATION)
    @POST
    @LimitsItsOwnRate
    @Operation(summary = "Receive an Alertmanager webhook notification")
    public Uni<Received> receive(@QueryParam("customerId") UUID customerId,
                                 @Valid @NotNull AlertmanagerNotification notification) {
        UUID customer = IntegrationCaller.customerFor(identity, customerId, "customerId");
        // one token per alert, admitted as urgent as its worst alert: a notification cannot be split (Alertmanager
        // resends it whole), so one carrying a critical alert is the last one shed
        limiter.acquire(identity, Priority.of(notification.worstSeverity()), notification.alerts().size());
        return intake.receive(notification.toIncidents(customer), identity.getPrincipal().getName())
                .map(results -> new Received(results.size(), results));
    }
}
