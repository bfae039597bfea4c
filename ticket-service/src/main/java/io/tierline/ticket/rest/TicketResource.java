package io.tierline.ticket.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.Page;
import io.tierline.platform.rest.Versions;
import io.tierline.ticket.lifecycle.TicketPatch;
import io.tierline.ticket.search.TicketFilter;
import io.tierline.ticket.search.TicketOrder;
import io.tierline.ticket.search.TicketQuery;
import io.tierline.platform.security.Roles;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.security.CustomerCaller;
import io.tierline.ticket.security.IntegrationCaller;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.rest.Created;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.ticket.domain.Comment;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.domain.TicketStatus;
import io.tierline.ticket.domain.TimelineEntry;
import io.tierline.ticket.service.Timeline;
import io.tierline.ticket.service.TicketService;
import io.vertx.core.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Produces(MediaType.APPLICATION_JSON) // Page<...> answers do not tell it by themselves
@Cancellable(false)
@Path("/api/v1/tickets")
@Tag(name = "Tickets")
public class TicketResource {

    public record CreateTicket(@NotNull UUID customerId, @NotNull Severity severity,
                               @NotBlank @Size(max = 300) String title,
                               @Size(max = 20000) String description) {
    }

    /**
     * @param dedupKey        for incident tickets, the alert's key ({@code occurrences}: how often it fired)
     * @param alertResolvedAt when the source resolved the alert; the same key firing later opens a new ticket
     */
    /**
     * @param dedupKey        for incident tickets, the alert's key ({@code occurrences}: how often it fired)
     * @param alertResolvedAt when the source resolved the alert; the same key firing later opens a new ticket
     */
    public record TicketView(UUID id, UUID customerId, Plan plan, String title, String description, Severity severity,
                             TicketStatus status, @Internal Tier tier, @Internal String team, @Internal String assignee,
                             @Internal String component, @Internal String environment,
                             @Internal String productVersion, @Internal List<String> tags,
                             @Internal String statusReason, String resolutionNote, @Internal String source,
                             @Internal String dedupKey, @Internal Integer occurrences,
                             @Internal Instant alertResolvedAt, @Internal String openedBy, @Internal UUID problemId,
                             Instant firstRespondedAt,
                             Instant resolvedAt, Instant closedAt, Instant createdAt, Instant updatedAt) {
        static TicketView of(Ticket t) {
            return new TicketView(t.id, t.customerId, t.plan, t.title, t.description, t.severity, t.status, t.tier,
                    t.team, t.assignee, t.component, t.environment, t.productVersion, List.of(t.tags()),
                    t.statusReason, t.resolutionNote, t.source, t.dedupKey, t.occurrences, t.alertResolvedAt,
                    t.openedBy, t.problemId, t.firstRespondedAt, t.resolvedAt, t.closedAt, t.createdAt, t.updatedAt);
        }

        /** What a customer's own people see: no internal field (tier, team, assignee, how it came in, ...). */
        static TicketView forCustomer(Ticket t) {
            return new TicketView(t.id, t.customerId, t.plan, t.title, t.description, t.severity, t.status, null,
                    null, null, null, null, null, null, null, t.resolutionNote, null, null, null, null, null, null,
                    t.firstRespondedAt, t.resolvedAt, t.closedAt, t.createdAt, t.updatedAt);
        }
    }


    /**
     * What {@code PATCH /api/v1/tickets/{id}} takes (documentation of the merge patch; the body is read by
     * {@link TicketPatch}): every member optional, {@code null} clears an optional field.
     */
    @Schema(name = "TicketChanges", description = "A JSON merge patch (RFC 7396) of a ticket: members present are set,"
            + " null clears an optional field, absent members are left alone. resolutionNote is required to move to"
            + " RESOLVED; statusReason explains a change of status.")
    public record TicketChanges(TicketStatus status, Severity severity,
                                @Size(min = 1, max = 300) String title,
                                @Size(min = 1, max = 20000) String description,
                                @Size(min = 1, max = 200) String assignee,
                                @Size(min = 1, max = 100) String team,
                                @Size(min = 1, max = 100) String component,
                                @Size(min = 1, max = 200) String environment,
                                @Size(min = 1, max = 100) String productVersion,
                                @Size(max = TicketPatch.MAX_TAGS) List<@Size(min = 1, max = TicketPatch.MAX_TAG_LENGTH) String> tags,
                                @Size(min = 1, max = 1000) String statusReason,
                                @Size(min = 1, max = 20000) String resolutionNote,
                                @Schema(description = "The problem ticket behind this one (null unlinks): resolving"
                                        + " the problem resolves this ticket with a public reply") UUID problemId) {
    }

    public record CreateComment(@NotBlank @Size(max = 20000) String body, @NotNull Comment.Visibility visibility,
                                @NotNull Comment.AuthorType authorType, @NotBlank @Size(max = 200) String author) {
    }

    /** @param postedBy who posted it: the caller's identity, which may differ from the author (a relayed reply) */
    public record CommentView(UUID id, UUID ticketId, String body, Comment.Visibility visibility,
                              Comment.AuthorType authorType, String author, @Internal String postedBy,
                              Instant createdAt) {
        static CommentView of(Comment c) {
            return new CommentView(c.id, c.ticketId, c.body, c.visibility, c.authorType, c.author, c.postedBy,
                    c.createdAt);
        }

        static CommentView forCustomer(Comment c) {
            return new CommentView(c.id, c.ticketId, c.body, c.visibility, c.authorType, c.author, null, c.createdAt);
        }
    }

    public record TimelineItem(UUID eventId, String type, Instant occurredAt, String source, String summary,
                               Map<String, Object> data) {
        static TimelineItem of(TimelineEntry e) {
            return new TimelineItem(e.eventId, e.eventType, e.occurredAt, e.source, e.summary,
                    new JsonObject(e.data).getMap());
        }
    }

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final TicketService tickets;
    private final Timeline timeline;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    TicketResource(TicketService tickets, Timeline timeline, SecurityIdentity identity, ObjectMapper json) {
        this.tickets = tickets;
        this.timeline = timeline;
        this.identity = identity;
        this.json = json;
    }

    @RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @POST
    @Operation(summary = "Open a ticket", description = "A customer's own people open tickets for their customer only.")
    public Uni<RestResponse<TicketView>> create(@Valid @NotNull CreateTicket request, UriInfo uri) {
        UUID customer = IntegrationCaller.customerFor(identity, request.customerId(), "customerId");
        return tickets.open(new TicketService.NewTicket(customer, request.severity(), request.title(),
                        request.description(), "api", null, null, identity.getPrincipal().getName()))
                .map(t -> RestResponse.ResponseBuilder.fromResponse(Created.at(uri, t.id, view(t))).tag(etag(t)).build());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @GET
    @Operation(summary = "Find tickets: filters, full-text search, a page at a time",
            description = "Every filter given must hold; status and severity may be repeated (any of them). q is a"
                    + " full-text search over title, description and comments (web search syntax: words, \"a"
                    + " phrase\", -word, or). sort: created (newest first, the default), updated (last changed"
                    + " first) or severity (most severe first). Pass the nextCursor of a page as cursor for the next"
                    + " one. A customer's own people find their customer's tickets only, searching what they see.")
    public Uni<Page<TicketView>> list(@QueryParam("status") @Size(max = 6) List<TicketStatus> status,
                                      @QueryParam("severity") @Size(max = 4) List<Severity> severity,
                                      @QueryParam("tier") Tier tier,
                                      @QueryParam("team") @Size(max = 100) String team,
                                      @QueryParam("assignee") @Size(max = 200) String assignee,
                                      @QueryParam("customerId") UUID customerId,
                                      @QueryParam("source") @Size(max = 50) String source,
                                      @QueryParam("tag") @Size(max = TicketPatch.MAX_TAG_LENGTH) String tag,
                                      @QueryParam("component") @Size(max = 100) String component,
                                      @QueryParam("createdFrom") Instant createdFrom,
                                      @QueryParam("createdTo") Instant createdTo,
                                      @QueryParam("updatedFrom") Instant updatedFrom,
                                      @QueryParam("updatedTo") Instant updatedTo,
                                      @QueryParam("breached") Boolean breached,
                                      @QueryParam("q") @Size(max = 500) String q,
                                      @QueryParam("problemId") UUID problemId,
                                      @QueryParam("sort") @DefaultValue("created") @Size(max = 20) String sort,
                                      @QueryParam(Cursor.PARAMETER) @Size(max = 300) String cursor,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        TicketOrder order = TicketOrder.of(sort);
        if (order == null) {
            throw ProblemException.badRequest("sort", "must be one of created, updated, severity");
        }
        TicketFilter filter = new TicketFilter(status, severity, tier, team, assignee, customerId, source, tag,
                component, createdFrom, createdTo, updatedFrom, updatedTo, breached,
                q == null || q.isBlank() ? null : q, problemId);
        Optional<UUID> own = CustomerCaller.customerOf(identity);
        if (own.isPresent()) {
            if (customerId != null && !customerId.equals(own.get())) {
                throw ProblemException.forbidden("customerId", "not the customer this token belongs to");
            }
            filter = filter.forCustomer(own.get());
        }
        TicketQuery query = TicketQuery.of(filter, order, Cursor.decode(cursor, order.parameter()), own.isEmpty(),
                limit + 1);
        return tickets.search(query)
                .map(rows -> Page.of(rows, limit, last -> TicketQuery.cursor(order, last), this::view));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @GET
    @Path("/{id}")
    public Uni<RestResponse<TicketView>> get(@PathParam("id") UUID id) {
        return visible(id).map(t -> RestResponse.ResponseBuilder.ok(view(t)).tag(etag(t)).build());
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Edit a ticket: status (checked transitions), severity, assignment and descriptive fields",
            description = "A JSON merge patch. Send If-Match with the ETag of your last GET: without it the answer is"
                    + " 428, with a stale one 412. A forbidden status change is a 409 naming the allowed ones.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = TicketChanges.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketChanges.class))})
    public Uni<RestResponse<TicketView>> patch(@PathParam("id") UUID id,
                                               @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 200) String ifMatch,
                                               String body) {
        TicketPatch patch = TicketPatch.parse(MergePatch.document(json, body, "ticket"));
        return tickets.update(id, ifMatch, patch, identity.getPrincipal().getName())
                .map(t -> RestResponse.ResponseBuilder.ok(TicketView.of(t)).tag(etag(t)).build());
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @POST
    @Path("/{id}/comments")
    @Operation(summary = "Reply publicly or add an internal note",
            description = "A customer's own people post PUBLIC replies as CUSTOMER on their customer's tickets only."
                    + " A customer's reply to a ticket WAITING_ON_CUSTOMER, or RESOLVED within the reopen window,"
                    + " opens it again.")
    public Uni<RestResponse<CommentView>> comment(@PathParam("id") UUID id, @Valid @NotNull CreateComment request,
                                                  UriInfo uri) {
        boolean customer = CustomerCaller.customerOf(identity).isPresent();
        if (customer && request.visibility() != Comment.Visibility.PUBLIC) {
            throw ProblemException.forbidden("visibility", "a customer posts public replies only");
        }
        if (customer && request.authorType() != Comment.AuthorType.CUSTOMER) {
            throw ProblemException.forbidden("authorType", "a customer posts as CUSTOMER");
        }
        return mayRead(id).flatMap(ignored -> tickets.comment(id, new TicketService.NewComment(request.body(),
                        request.visibility(), request.authorType(), request.author(), identity.getPrincipal().getName())))
                .map(c -> Created.at(uri, c.id, customer ? CommentView.forCustomer(c) : CommentView.of(c)));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @GET
    @Path("/{id}/comments")
    @Operation(summary = "The ticket's public replies and internal notes, oldest first, a page at a time",
            description = "Pass the nextCursor of a page as cursor to get the next one; the last page has none.")
    public Uni<Page<CommentView>> comments(@PathParam("id") UUID id,
                                           @QueryParam("cursor") @Size(max = 200) String cursor,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        boolean staff = CustomerCaller.isStaff(identity);
        return mayRead(id).flatMap(ignored -> tickets.comments(id, Cursor.decode(cursor), limit + 1, staff))
                .map(rows -> Page.of(rows, limit, c -> c.createdAt, c -> c.id,
                        staff ? CommentView::of : CommentView::forCustomer));
    }

    /** A resolved ticket like this one, with how it was resolved. */
    public record SimilarTicket(UUID id, String title, Severity severity, TicketStatus status, String component,
                                String resolutionNote, Instant resolvedAt) {
        static SimilarTicket of(Ticket t) {
            return new SimilarTicket(t.id, t.title, t.severity, t.status, t.component, t.resolutionNote, t.resolvedAt);
        }
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}/similar")
    @Operation(summary = "Resolved tickets about the same thing, with their resolution notes, closest first",
            description = "Matched on the words of the title and description (PostgreSQL full-text search), so a fix"
                    + " found once can be reused.")
    public Uni<List<SimilarTicket>> similar(@PathParam("id") UUID id,
                                            @QueryParam("limit") @DefaultValue("5") @Min(1) @Max(50) int limit) {
        return tickets.similar(id, limit).map(list -> list.stream().map(SimilarTicket::of).toList());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}/timeline")
    @Operation(summary = "The ticket's history, oldest first: its latest entries, up to limit")
    public Uni<List<TimelineItem>> timeline(@PathParam("id") UUID id,
                                            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return tickets.get(id).flatMap(t -> timeline.of(id, limit))
                .map(entries -> entries.stream().map(TimelineItem::of).toList());
    }

    /** The ticket, if the caller may see it: a customer's own people only their customer's (others are unknown). */
    private Uni<Ticket> visible(UUID id) {
        Optional<UUID> own = CustomerCaller.customerOf(identity);
        return tickets.get(id).invoke(t -> {
            if (own.isPresent() && !own.get().equals(t.customerId)) {
                throw ProblemException.notFound("Ticket", id);
            }
        });
    }

    /**
     * Passes when the caller may read the ticket. Staff may read any (the operation itself answers 404 for an unknown
     * one), so only a customer's ticket is looked up here.
     */
    private Uni<Void> mayRead(UUID id) {
        return CustomerCaller.isStaff(identity) ? Uni.createFrom().voidItem() : visible(id).replaceWithVoid();
    }

    private TicketView view(Ticket t) {
        return CustomerCaller.isStaff(identity) ? TicketView.of(t) : TicketView.forCustomer(t);
    }

    private static EntityTag etag(Ticket t) {
        return Versions.etag(t.version);
    }
}
