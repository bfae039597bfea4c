package io.tierline.ticket.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.Page;
import io.tierline.platform.rest.Versions;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.domain.Article;
import io.tierline.ticket.knowledge.ArticlePatch;
import io.tierline.ticket.service.KnowledgeBase;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The knowledge base: staff knowledge, so a customer's token may call none of it. */
@Cancellable(false)
@Path("/api/v1/articles")
@Tag(name = "Knowledge base")
public class ArticleResource {

    /** {@code status}: DRAFT unless given; {@code body}: Markdown. */
    public record CreateArticle(@NotNull Article.Kind kind, Article.Status status,
                                @NotBlank @Size(max = ArticlePatch.MAX_TITLE) String title,
                                @NotBlank @Size(max = ArticlePatch.MAX_BODY) String body,
                                @Size(max = ArticlePatch.MAX_TAGS)
                                List<@NotBlank @Size(max = ArticlePatch.MAX_TAG_LENGTH) String> tags,
                                @Size(max = ArticlePatch.MAX_COMPONENTS)
                                List<@NotBlank @Size(max = ArticlePatch.MAX_COMPONENT_LENGTH) String> components) {
    }

    /** What {@code PATCH /api/v1/articles/{id}} takes (the body is read by {@link ArticlePatch}). */
    @Schema(name = "ArticleChanges", description = "A JSON merge patch (RFC 7396) of an article: members present are"
            + " set, absent ones left alone; title and body cannot be removed, null empties tags or components.")
    public record ArticleChanges(Article.Kind kind, Article.Status status,
                                 @Size(min = 1, max = ArticlePatch.MAX_TITLE) String title,
                                 @Size(min = 1, max = ArticlePatch.MAX_BODY) String body,
                                 @Size(max = ArticlePatch.MAX_TAGS)
                                 List<@Size(min = 1, max = ArticlePatch.MAX_TAG_LENGTH) String> tags,
                                 @Size(max = ArticlePatch.MAX_COMPONENTS)
                                 List<@Size(min = 1, max = ArticlePatch.MAX_COMPONENT_LENGTH) String> components) {
    }

    public record DraftFromTicket(@NotNull UUID ticketId) {
    }

    /** @param sourceTicketId the resolved ticket it was drafted from, if any */
    public record ArticleView(UUID id, Article.Kind kind, Article.Status status, String title, String body,
                              List<String> tags, List<String> components, UUID sourceTicketId, String createdBy,
                              String updatedBy, Instant createdAt, Instant updatedAt) {
        static ArticleView of(Article a) {
            return new ArticleView(a.id, a.kind, a.status, a.title, a.body, List.of(a.tags()),
                    List.of(a.components()), a.sourceTicketId, a.createdBy, a.updatedBy, a.createdAt, a.updatedAt);
        }
    }

    /** An article in a list: everything but its body (GET the article for that), so a page stays small. */
    public record ArticleSummary(UUID id, Article.Kind kind, Article.Status status, String title, List<String> tags,
                                 List<String> components, UUID sourceTicketId, String updatedBy, Instant createdAt,
                                 Instant updatedAt) {
        static ArticleSummary of(Article a) {
            return new ArticleSummary(a.id, a.kind, a.status, a.title, List.of(a.tags()), List.of(a.components()),
                    a.sourceTicketId, a.updatedBy, a.createdAt, a.updatedAt);
        }
    }

    private final KnowledgeBase articles;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    ArticleResource(KnowledgeBase articles, SecurityIdentity identity, ObjectMapper json) {
        this.articles = articles;
        this.identity = identity;
        this.json = json;
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @POST
    @Operation(summary = "Write a runbook or a known-issue article (Markdown)",
            description = "A DRAFT unless status says PUBLISHED; only published articles are suggested for tickets.")
    public Uni<RestResponse<ArticleView>> create(@Valid @NotNull CreateArticle request, UriInfo uri) {
        return articles.create(new KnowledgeBase.NewArticle(request.kind(), request.status(), request.title(),
                        request.body(), request.tags(), request.components(), identity.getPrincipal().getName()))
                .map(a -> created(uri.getAbsolutePathBuilder().path(a.id.toString()).build(), a));
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @POST
    @Path("/drafts")
    @Operation(summary = "Draft a known-issue article from a resolved ticket",
            description = "A DRAFT titled like the ticket, its description under '## Symptoms' and its resolution"
                    + " note under '## Resolution', with its tags and component. A ticket not RESOLVED or CLOSED is a"
                    + " 409; an unknown one a 422.")
    public Uni<RestResponse<ArticleView>> draft(@Valid @NotNull DraftFromTicket request, UriInfo uri) {
        // the draft is an article like any other: it lives at /api/v1/articles/{id}
        return articles.draftFrom(request.ticketId(), identity.getPrincipal().getName())
                .map(a -> created(uri.getBaseUriBuilder().path(ArticleResource.class).path(a.id.toString()).build(),
                        a));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Operation(summary = "Find articles: full-text search and filters, in the order they were written, a page at a time",
            description = "q is searched in titles and bodies as a search box takes it (words, \"a phrase\", or,"
                    + " -word); tag, component, kind and status filter. Pass the nextCursor of a page as cursor to"
                    + " get the next one; the last page has none.")
    public Uni<Page<ArticleSummary>> list(
            @QueryParam("q") @Size(max = 500) @Parameter(description = "words to find in titles and bodies") String q,
            @QueryParam("tag") @Size(max = ArticlePatch.MAX_TAG_LENGTH) String tag,
            @QueryParam("component") @Size(max = ArticlePatch.MAX_COMPONENT_LENGTH) String component,
            @QueryParam("kind") Article.Kind kind,
            @QueryParam("status") Article.Status status,
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return articles.list(new KnowledgeBase.Filter(q, tag, component, kind, status), Cursor.decode(cursor),
                        limit + 1)
                .map(rows -> Page.of(rows, limit, a -> a.createdAt, a -> a.id, ArticleSummary::of));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<RestResponse<ArticleView>> get(@PathParam("id") UUID id) {
        return articles.get(id).map(a -> RestResponse.ResponseBuilder.ok(ArticleView.of(a))
                .tag(Versions.etag(a.version)).build());
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @PATCH
    @Path("/{id}")
    @Consumes({TicketResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Edit an article: kind, status (publish or take back to draft), title, body, tags, components",
            description = "A JSON merge patch. Send If-Match with the ETag of your last GET: without it the answer is"
                    + " 428, with a stale one 412.")
    @RequestBody(required = true, content = {
            @Content(mediaType = TicketResource.MERGE_PATCH, schema = @Schema(implementation = ArticleChanges.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleChanges.class))})
    public Uni<RestResponse<ArticleView>> patch(@PathParam("id") UUID id,
                                                @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 200) String ifMatch,
                                                String body) {
        ArticlePatch patch = ArticlePatch.parse(MergePatch.document(json, body, "article"));
        return articles.update(id, ifMatch, patch, identity.getPrincipal().getName())
                .map(a -> RestResponse.ResponseBuilder.ok(ArticleView.of(a)).tag(Versions.etag(a.version)).build());
    }

    /** 201 with the article, its {@code Location} and its ETag. */
    private static RestResponse<ArticleView> created(URI location, Article a) {
        return RestResponse.ResponseBuilder.<ArticleView>created(location).entity(ArticleView.of(a))
                .type(MediaType.APPLICATION_JSON).tag(Versions.etag(a.version)).build();
    }
}
