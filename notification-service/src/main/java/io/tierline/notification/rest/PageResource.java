package io.tierline.notification.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.notification.domain.ContactMethodType;
import io.tierline.notification.domain.DeliveryAttempt;
import io.tierline.notification.domain.Page;
import io.tierline.notification.domain.PageStatus;
import io.tierline.notification.domain.WebhookAddresses;
import io.tierline.notification.service.PageService;
import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Cancellable(false)
@Path("/api/v1/pages")
@Tag(name = "Pages")
public class PageResource {

    /** @param address scheme, host and port only: the full address may hold a secret and is shown to admins only */
    public record AttemptView(int attempt, ContactMethodType channel, String address, Integer statusCode,
                              String error, Instant attemptedAt, long durationMs) {
        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attempt, a.channel, WebhookAddresses.redacted(a.address), a.statusCode,
                    a.error, a.attemptedAt, a.durationMs);
        }
    }

    public record PageView(UUID id, UUID ticketId, String responderId, String cause, PageStatus status,
                           Instant causedAt, Instant createdAt, Instant deliveredAt, Instant acknowledgedAt,
                           String acknowledgedBy, Instant failedAt, String failureReason,
                           List<AttemptView> attempts) {
        static PageView of(PageService.PageDetails details) {
            Page p = details.page();
            return new PageView(p.id, p.ticketId, p.responderId, p.cause, p.status, p.causedAt, p.createdAt,
                    p.deliveredAt, p.acknowledgedAt, p.acknowledgedBy, p.failedAt, p.failureReason,
                    details.attempts().stream().map(AttemptView::of).toList());
        }
    }

    private final PageService pages;

    PageResource(PageService pages) {
        this.pages = pages;
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    public Uni<List<PageView>> list(@QueryParam("ticketId") @NotNull UUID ticketId) {
        return pages.ofTicket(ticketId).map(list -> list.stream().map(PageView::of).toList());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<PageView> get(@PathParam("id") UUID id) {
        return pages.get(id).map(PageView::of);
    }

    /**
     * Idempotent: acknowledging an acknowledged page answers it unchanged. The acknowledgement is recorded under the
     * caller's identity (the token's {@code upn}, {@code preferred_username} or {@code sub}), never a name the request
     * states: who stopped a page at 3 a.m. is an audit fact. A body, if sent, is ignored.
     */
    @POST
    @Path("/{id}/ack")
    @Operation(summary = "Acknowledge a page", description = "Recorded as acknowledged by the caller (the bearer "
            + "token's principal), whether or not the caller is the paged responder. A repeated ack answers the "
            + "page unchanged and announces nothing.")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Uni<PageView> acknowledge(@PathParam("id") UUID id, @Context SecurityIdentity caller) {
        return pages.acknowledge(id, caller.getPrincipal().getName()).map(PageView::of);
    }
}
