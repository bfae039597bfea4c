package io.tierline.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.ReproductionPackage;
import io.tierline.platform.rest.Created;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.domain.Escalation;
import io.tierline.ticket.service.EscalationRequests;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Cancellable(false)
@Path("/api/v1/tickets/{id}/escalations")
@Tag(name = "Tickets")
public class TicketEscalationResource {

    /** For L3, {@code reproduction} is required with every part filled in (a 422 names each missing one). */
    public record EscalateTicket(@NotNull Tier targetTier, @NotBlank @Size(max = 2000) String reason,
                                 @Valid Reproduction reproduction) {
    }

    public record Reproduction(@Size(max = 20000) String steps, @Size(max = 500) String environment,
                               @Size(max = 100) String productVersion, @Size(max = 5000) String expected,
                               @Size(max = 5000) String actual,
                               @Size(max = 50) List<@NotBlank @Size(max = 2000) String> logReferences,
                               @Valid Impact impact, @Size(max = 50) List<@NotNull UUID> attachmentIds) {
        ReproductionPackage toPackage() {
            return new ReproductionPackage(steps, environment, productVersion, expected, actual, logReferences,
                    impact == null ? null : new ReproductionPackage.CustomerImpact(impact.affectedUsers(),
                            impact.since(), impact.workaround(), impact.workaroundDescription()), attachmentIds);
        }
    }

    public record Impact(@Min(1) @Max(2_000_000_000) Integer affectedUsers, Instant since, Boolean workaround,
                         @Size(max = 5000) String workaroundDescription) {
    }

    public record EscalationView(UUID id, UUID ticketId, Tier fromTier, Tier toTier, String reason,
                                 ReproductionPackage reproduction, String requestedBy, Instant requestedAt) {
        static EscalationView of(Escalation e) {
            return new EscalationView(e.id, e.ticketId, e.fromTier, e.toTier, e.reason,
                    EscalationRequests.reproduction(e), e.requestedBy, e.requestedAt);
        }
    }

    private final EscalationRequests escalations;
    private final SecurityIdentity identity;

    TicketEscalationResource(EscalationRequests escalations, SecurityIdentity identity) {
        this.escalations = escalations;
        this.identity = identity;
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @POST
    @Operation(summary = "Hand the ticket up to a higher tier",
            description = "To L3 the request must carry a complete reproduction package: steps, environment,"
                    + " productVersion, expected, actual, logReferences and impact (affectedUsers, since,"
                    + " workaround, and its description when there is one); attachmentIds may name the ticket's"
                    + " attachments that hold the evidence. escalation-service then moves the"
                    + " ticket's tier and team; the ticket and its timeline show it.")
    public Uni<RestResponse<EscalationView>> escalate(@PathParam("id") UUID id, @Valid @NotNull EscalateTicket request,
                                                      UriInfo uri) {
        return escalations.request(id, new EscalationRequests.NewEscalation(request.targetTier(), request.reason(),
                        request.reproduction() == null ? null : request.reproduction().toPackage(),
                        identity.getPrincipal().getName()))
                .map(e -> Created.at(uri, e.id, EscalationView.of(e)));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Operation(summary = "The ticket's escalation requests, oldest first, with their reproduction packages")
    public Uni<List<EscalationView>> list(@PathParam("id") UUID id) {
        return escalations.of(id).map(list -> list.stream().map(EscalationView::of).toList());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{escalationId}")
    public Uni<EscalationView> get(@PathParam("id") UUID id, @PathParam("escalationId") UUID escalationId) {
        return escalations.get(id, escalationId).map(EscalationView::of);
    }
}
