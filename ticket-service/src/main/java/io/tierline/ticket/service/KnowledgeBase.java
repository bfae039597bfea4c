package io.tierline.ticket.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.TicketArticleLinked;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.Versions;
import io.tierline.ticket.domain.Article;
import io.tierline.ticket.domain.ArticleLink;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.knowledge.ArticleDraft;
import io.tierline.ticket.knowledge.ArticlePatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The knowledge base: runbooks and known-issue articles, found by full-text search, drafted from resolved tickets,
 * linked from tickets (each link an event on the ticket's timeline) and suggested for the tickets they may help.
 */
@ApplicationScoped
public class KnowledgeBase {

    /** How many articles a ticket gets suggested: a short list an engineer reads, not a search. */
    public static final int SUGGESTIONS = 5;

    /** @param by the caller's identity */
    public record NewArticle(Article.Kind kind, Article.Status status, String title, String body, List<String> tags,
                             List<String> components, String by) {
    }

    /** What a list asks for; a null (or blank) filter does not filter. {@code q} is a web-search-style query. */
    public record Filter(String q, String tag, String component, Article.Kind kind, Article.Status status) {
    }

    /** An article linked from a ticket, and whether this request linked it (else it already was). */
    public record Linked(ArticleLink link, Article article, boolean created) {
    }

    /** A ticket's articles: those linked (oldest link first) and up to {@link #SUGGESTIONS} suggested, best first. */
    public record TicketArticles(List<Linked> linked, List<Article> suggested) {
    }

    private final TicketEvents events;
    private final Clock clock;

    KnowledgeBase(TicketEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Article> create(NewArticle request) {
        Instant now = clock.instant();
        Article article = new Article();
        article.id = UUID.randomUUID();
        article.kind = request.kind();
        article.status = request.status() == null ? Article.Status.DRAFT : request.status();
        article.title = request.title();
        article.body = request.body();
        article.tags = distinct(request.tags());
        article.components = distinct(request.components());
        article.createdBy = request.by();
        article.updatedBy = request.by();
        article.createdAt = now;
        article.updatedAt = now;
        return article.persist().replaceWith(article);
    }

    /**
     * A DRAFT known-issue article from a RESOLVED or CLOSED ticket (see {@link ArticleDraft}); an unknown ticket is a
     * 422 naming {@code ticketId}, one not resolved a 409.
     */
    @WithTransaction
    public Uni<Article> draftFrom(UUID ticketId, String by) {
        return Ticket.<Ticket>findById(ticketId)
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable("unknown-ticket", "Unknown ticket",
                        "No ticket with id " + ticketId, List.of(new Problem.FieldError("ticketId", "no such ticket"))))
                .flatMap(ticket -> {
                    ArticleDraft draft = ArticleDraft.from(ticket);
                    Instant now = clock.instant();
                    Article article = new Article();
                    article.id = UUID.randomUUID();
                    article.kind = Article.Kind.KNOWN_ISSUE;
                    article.status = Article.Status.DRAFT;
                    article.title = draft.title();
                    article.body = draft.body();
                    article.tags = draft.tags().toArray(String[]::new);
                    article.components = draft.components().toArray(String[]::new);
                    article.sourceTicketId = ticket.id;
                    article.createdBy = by;
                    article.updatedBy = by;
                    article.createdAt = now;
                    article.updatedAt = now;
                    return article.persist().replaceWith(article);
                });
    }

    @WithSession
    public Uni<Article> get(UUID id) {
        return Article.<Article>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Article", id));
    }

    /**
     * Applies a merge patch to the article whose current ETag {@code ifMatch} names; the row is locked while it is
     * checked, so of two edits made from the same ETag the second is a 412 instead of overwriting the first.
     */
    @WithTransaction
    public Uni<Article> update(UUID id, String ifMatch, ArticlePatch patch, String by) {
        return Article.<Article>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Article", id))
                .invoke(article -> {
                    Versions.requireMatch(ifMatch, article.version, "article");
                    patch.applyTo(article, by, clock.instant());
                });
    }

    /**
     * Articles that pass the filter, in the order they were written, a page at a time ({@code limit} rows after
     * {@code after}). The order is the keyset the cursor names, so a search pages like every other list; it is not
     * ranked (the suggestions for a ticket are).
     */
    @WithSession
    public Uni<List<Article>> list(Filter filter, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("select a.id from article a where true");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (present(filter.q())) {
            // websearch_to_tsquery takes what people type into a search box ("quoted phrases", or, -not) and never
            // fails on it
            sql.append(" and a.search @@ websearch_to_tsquery('english', :q)");
            parameters.put("q", filter.q());
        }
        if (present(filter.tag())) {
            sql.append(" and a.tags @> array[cast(:tag as text)]");
            parameters.put("tag", filter.tag());
        }
        if (present(filter.component())) {
            sql.append(" and a.components @> array[cast(:component as text)]");
            parameters.put("component", filter.component());
        }
        if (filter.kind() != null) {
            sql.append(" and a.kind = :kind");
            parameters.put("kind", filter.kind().name());
        }
        if (filter.status() != null) {
            sql.append(" and a.status = :status");
            parameters.put("status", filter.status().name());
        }
        if (after != null) {
            sql.append(" and (a.created_at > :at or (a.created_at = :at and a.id > :id))");
            parameters.put("at", after.at());
            parameters.put("id", after.id());
        }
        sql.append(" order by a.created_at, a.id limit :limit");
        parameters.put("limit", limit);
        return Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<UUID> query = session.createNativeQuery(sql.toString(), UUID.class);
            parameters.forEach(query::setParameter);
            return query.getResultList().flatMap(ids -> inOrder(session, ids));
        });
    }

    /**
     * Links the article to the ticket, once: the link, its event and its timeline entry commit together, with the
     * ticket's row locked so two requests linking the same pair apply one after the other. Linking again changes
     * nothing and answers the link as it is. An unknown ticket is a 404, an unknown article a 422 naming
     * {@code articleId}.
     */
    @WithTransaction
    public Uni<Linked> link(UUID ticketId, UUID articleId, String by) {
        return Ticket.forChange(ticketId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .flatMap(ticket -> Article.<Article>findById(articleId))
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable("unknown-article", "Unknown article",
                        "No article with id " + articleId,
                        List.of(new Problem.FieldError("articleId", "no such article"))))
                .flatMap(article -> ArticleLink.<ArticleLink>findById(new ArticleLink.Key(ticketId, articleId))
                        .flatMap(existing -> {
                            if (existing != null) {
                                return Uni.createFrom().item(new Linked(existing, article, false));
                            }
                            ArticleLink link = new ArticleLink();
                            link.ticketId = ticketId;
                            link.articleId = articleId;
                            link.linkedBy = by;
                            link.linkedAt = clock.instant();
                            TicketArticleLinked linked = new TicketArticleLinked(ticketId, articleId, article.title,
                                    by, link.linkedAt);
                            return link.persist()
                                    .flatMap(persisted -> events.emit(linked))
                                    .replaceWith(new Linked(link, article, true));
                        }));
    }

    /** The ticket's linked articles and the published ones suggested for it; an unknown ticket is a 404. */
    @WithSession
    public Uni<TicketArticles> forTicket(UUID ticketId) {
        return Ticket.<Ticket>findById(ticketId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .flatMap(ticket -> linked(ticketId))
                .flatMap(linked -> suggested(ticketId).map(suggested -> new TicketArticles(linked, suggested)));
    }

    private Uni<List<Linked>> linked(UUID ticketId) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery("""
                        select l, a from ArticleLink l join Article a on a.id = l.articleId
                        where l.ticketId = :ticket order by l.linkedAt, l.articleId""", Object[].class)
                .setParameter("ticket", ticketId)
                .getResultList())
                .map(rows -> {
                    List<Linked> linked = new ArrayList<>();
                    for (Object[] row : rows) {
                        linked.add(new Linked((ArticleLink) row[0], (Article) row[1], false));
                    }
                    return linked;
                });
    }

    /**
     * Up to {@link #SUGGESTIONS} PUBLISHED articles not linked to the ticket yet that share a word with its title or
     * description (any word: an OR of the ticket's own lexemes, so one matching word is enough) or name its
     * component. Those of its component come first, then the best text match ({@code ts_rank}: title words weigh more
     * than body words), then the latest edited.
     */
    private Uni<List<Article>> suggested(UUID ticketId) {
        // The ticket's words, weighted as an article's are (title A, description B): its stored subject_words.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        with ticket_words as (
                            select t.component,
                                   (select to_tsquery('english', string_agg(quote_literal(w.lexeme), ' | '))
                                    from unnest(t.subject_words) as w) as words
                            from ticket t where t.id = :ticket)
                        select a.id from article a, ticket_words tw
                        where a.status = 'PUBLISHED'
                          and not exists (select 1 from ticket_article l where l.ticket_id = :ticket
                                                                          and l.article_id = a.id)
                          and (a.search @@ tw.words
                               or (tw.component is not null and a.components @> array[tw.component]))
                        order by (tw.component is not null and a.components @> array[tw.component]) desc,
                                 coalesce(ts_rank(a.search, tw.words), 0) desc, a.updated_at desc, a.id
                        limit :limit""", UUID.class)
                .setParameter("ticket", ticketId)
                .setParameter("limit", SUGGESTIONS)
                .getResultList()
                .flatMap(ids -> inOrder(session, ids)));
    }

    /**
     * The articles with these ids, in the order given. The searches select ids in SQL (full-text search is
     * PostgreSQL's) and the articles come through the entity mapping, as everywhere else.
     */
    private static Uni<List<Article>> inOrder(Mutiny.Session session, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createSelectionQuery("from Article where id in :ids", Article.class)
                .setParameter("ids", ids)
                .getResultList()
                .map(found -> {
                    Map<UUID, Article> byId = new HashMap<>();
                    found.forEach(article -> byId.put(article.id, article));
                    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
                });
    }

    private static boolean present(String filter) {
        return filter != null && !filter.isBlank();
    }

    /** The texts without repeats, in the order given (an empty array for none). */
    private static String[] distinct(List<String> texts) {
        return texts == null ? new String[0] : new LinkedHashSet<>(texts).toArray(String[]::new);
    }
}
