package io.tierline.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.domain.Article;
import io.tierline.ticket.rest.ArticleResource.ArticleSummary;
import io.tierline.ticket.service.KnowledgeBase;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The knowledge base articles of a ticket: linked ones and suggestions. Staff only, like the knowledge base. */
@Cancellable(false)
@Path("/api/v1/tickets/{id}/articles")
@Tag(name = "Tickets")
public class TicketArticleResource {

    public record LinkArticle(@NotNull UUID articleId) {
    }

    /** An article linked from the ticket: the article (without its body), who linked it and when. */
    public record LinkedArticle(UUID ticketId, UUID articleId, Article.Kind kind, Article.Status status, String title,
                                List<String> tags, List<String> components, String linkedBy, Instant linkedAt) {
        static LinkedArticle of(KnowledgeBase.Linked l) {
            return new LinkedArticle(l.link().ticketId, l.article().id, l.article().kind, l.article().status,
                    l.article().title, List.of(l.article().tags()), List.of(l.article().components()),
                    l.link().linkedBy, l.link().linkedAt);
        }
    }

    /** @param suggested published articles not linked yet, best first: the ticket's component first, then its words */
    public record TicketArticles(List<LinkedArticle> linked, List<ArticleSummary> suggested) {
    }

    private final KnowledgeBase articles;
    private final SecurityIdentity identity;

    TicketArticleResource(KnowledgeBase articles, SecurityIdentity identity) {
        this.articles = articles;
        this.identity = identity;
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @POST
    @Operation(summary = "Link a knowledge base article to the ticket",
            description = "201 with the link, which lands on the ticket's timeline (tierline.ticket.article-linked);"
                    + " linking it again is a 200 with the same link and changes nothing. An unknown article is a"
                    + " 422.")
    public Uni<RestResponse<LinkedArticle>> link(@PathParam("id") UUID id, @Valid @NotNull LinkArticle request,
                                                 UriInfo uri) {
        return articles.link(id, request.articleId(), identity.getPrincipal().getName()).map(linked -> {
            LinkedArticle view = LinkedArticle.of(linked);
            if (!linked.created()) {
                return RestResponse.ok(view);
            }
            // the link has no page of its own: Location names the article it points to
            return RestResponse.ResponseBuilder.<LinkedArticle>created(uri.getBaseUriBuilder()
                            .path(ArticleResource.class).path(linked.article().id.toString()).build())
                    .entity(view).type(MediaType.APPLICATION_JSON).build();
        });
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Operation(summary = "The articles linked to the ticket, and up to 5 published ones suggested for it",
            description = "linked: oldest link first. suggested: published articles not linked yet that name the"
                    + " ticket's component or share words with its title or description; those of its component"
                    + " first, then the best text match.")
    public Uni<TicketArticles> list(@PathParam("id") UUID id) {
        return articles.forTicket(id).map(found -> new TicketArticles(
                found.linked().stream().map(LinkedArticle::of).toList(),
                found.suggested().stream().map(ArticleSummary::of).toList()));
    }
}
