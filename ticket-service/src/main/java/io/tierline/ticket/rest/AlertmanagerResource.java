package io.tierline.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.ratelimit.LimitsItsOwnRate;
import io.tierline.platform.ratelimit.Priority;
import io.tierline.platform.ratelimit.RateLimiter;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.config.TicketConfig;
import io.tierline.ticket.intake.AlertmanagerNotification;
import io.tierline.ticket.intake.IncidentIntake;
import io.tierline.ticket.intake.IntakeResult;
import io.tierline.ticket.security.IntegrationCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Alertmanager's webhook receiver ({@code webhook_configs}, version 4). Alertmanager authenticates with the
 * integration key as {@code http_config.authorization.credentials} (a bearer) or as the {@code basic_auth}
 * password (a system calling with a JWT names the customer in {@code ?customerId=}). Every firing alert opens a ticket or counts on its open one; a resolved alert is recorded on it.
 * <p>
 * A notification is taken whole, in one transaction, up to {@code tierline.ticket.alertmanager.max-body-size} (16 MB)
 * and {@code tierline.ticket.alertmanager.max-alerts} alerts (20,000); over either it is refused with a 413 problem,
 * which Alertmanager logs and does not retry at once (only a 5xx is). Its {@code max_alerts} keeps notifications under
 * the count, by leaving the alerts past it out.
 */
@Cancellable(false)
@Path("/integrations/alertmanager")
@Tag(name = "Intake")
public class AlertmanagerResource {

    public record Received(int alerts, List<IntakeResult> results) {
    }

    private final IncidentIntake intake;
    private final SecurityIdentity identity;
    private final RateLimiter limiter;
    private final Validator validator;
    private final int maxAlerts;

    AlertmanagerResource(IncidentIntake intake, SecurityIdentity identity, RateLimiter limiter, Validator validator,
                         TicketConfig config) {
        this.intake = intake;
        this.identity = identity;
        this.limiter = limiter;
        this.validator = validator;
        this.maxAlerts = config.alertmanager().maxAlerts();
    }

    @RolesAllowed(Roles.INTEGRATION)
    @POST
    @LimitsItsOwnRate
    @Operation(summary = "Receive an Alertmanager webhook notification")
    public Uni<Received> receive(@QueryParam("customerId") UUID customerId,
                                 @NotNull AlertmanagerNotification notification) {
        // counted before each alert is validated: a notification too large to take costs no more than its parsing
        if (notification.alerts() != null && notification.alerts().size() > maxAlerts) {
            throw tooManyAlerts(notification.alerts().size(), maxAlerts);
        }
        Set<ConstraintViolation<AlertmanagerNotification>> violations = validator.validate(notification);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        UUID customer = IntegrationCaller.customerFor(identity, customerId, "customerId");
        // one token per alert, admitted as urgent as its worst alert: a notification cannot be split (Alertmanager
        // resends it whole), so one carrying a critical alert is the last one shed
        limiter.acquire(identity, Priority.of(notification.worstSeverity()), notification.alerts().size());
        return intake.receive(notification.toIncidents(customer), identity.getPrincipal().getName())
                .map(results -> new Received(results.size(), results));
    }

    /**
     * A notification with more alerts than this service takes in one: 413, as for a body over its limit (the request
     * is too large to take, however valid each alert is), saying what to set in Alertmanager.
     */
    static ProblemException tooManyAlerts(int alerts, int maxAlerts) {
        return new ProblemException(Problem.of(413, "too-many-alerts", "Too many alerts",
                "the notification holds " + alerts + " alerts, more than the " + maxAlerts + " this service takes in"
                        + " one notification; set max_alerts: " + maxAlerts + " in Alertmanager's webhook_config"
                        + " (or group the alerts more finely)",
                List.of(new Problem.FieldError("alerts", "holds more than " + maxAlerts + " alerts"))));
    }
}
