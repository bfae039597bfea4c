package io.tierline.notification.rest;

import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.tierline.notification.domain.ContactMethodType;
import io.tierline.notification.domain.DeliveryAttempt;
import io.tierline.notification.domain.Page;
import io.tierline.notification.domain.PageStatus;
import io.tierline.notification.domain.WebhookAddresses;
import io.tierline.notification.service.PageService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/pages")
@Tag(name = "Pages")
public class PageResource {

    /** Who acknowledges; without it, the paged responder. */
    public record Ack(@Size(max = 200) String by) {
    }

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

    /** Idempotent: acknowledging an acknowledged page answers it unchanged. */
    @POST
    @Path("/{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge a page", description = "The body is optional; without it (or without 'by') "
            + "the paged responder acknowledges. A repeated ack answers the page unchanged and announces nothing.")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Uni<PageView> acknowledge(@PathParam("id") UUID id, @RequestBody(required = false) @Valid Ack request) {
        return pages.acknowledge(id, request == null ? null : request.by()).map(PageView::of);
    }

    /** The same without a body (e.g. a bare POST from a chat button or curl): the paged responder acknowledges. */
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @POST
    @Path("/{id}/ack")
    @Operation(hidden = true)
    public Uni<PageView> acknowledgeWithoutBody(@PathParam("id") UUID id) {
        return pages.acknowledge(id, null).map(PageView::of);
    }
}
