package io.tierline.ticket.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Severity;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.platform.input.StorableText;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.Versions;
import io.tierline.ticket.config.TicketConfig;
import io.tierline.ticket.domain.Comment;
import io.tierline.ticket.domain.Customer;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.domain.TicketStatus;
import io.tierline.ticket.lifecycle.TicketEdit;
import io.tierline.ticket.lifecycle.TicketLifecycle;
import io.tierline.ticket.lifecycle.TicketPatch;
import io.tierline.ticket.search.TicketQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.common.AffectedEntities;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Ticket use cases. Each write commits the change, its outbox event and its timeline entry together. */
@ApplicationScoped
public class TicketService {

    /**
     * @param dedupKey      the alert's dedup key for incident tickets, else null
     * @param alertStartsAt when the alert began firing, for sources that say so (a re-sent firing names it again)
     * @param openedBy      the caller's identity: a token's principal, or an integration key's holder
     */
    public record NewTicket(UUID customerId, Severity severity, String title, String description, String source,
                            String dedupKey, Instant alertStartsAt, String openedBy) {
    }

    /** @param postedBy the caller's identity, recorded beside the author the request names */
    public record NewComment(String body, Comment.Visibility visibility, Comment.AuthorType authorType, String author,
                             String postedBy) {
    }

    private final TicketEvents events;
    private final Clock clock;
    private final MeterRegistry registry;
    private final TicketEdit edit;

    TicketService(TicketEvents events, Clock clock, MeterRegistry registry, TicketConfig config) {
        this.events = events;
        this.clock = clock;
        this.registry = registry;
        this.edit = new TicketEdit(new TicketLifecycle(config.reopenWindow()));
    }

    /** Opens a ticket in a transaction of its own; counted once committed. */
    public Uni<Ticket> open(NewTicket request) {
        return Panache.withTransaction(() -> openWithin(request))
                .invoke(ticket -> countOpened(ticket.severity, ticket.source));
    }

    /**
     * Opens a ticket in the caller's transaction. The caller counts it with {@link #countOpened} once its
     * transaction has committed, so a rolled-back or retried attempt is never counted.
     */
    public Uni<Ticket> openWithin(NewTicket request) {
        return CustomerService.named(request.customerId())
                .flatMap(customer -> {
                    Opening opening = opening(request, customer, clock.instant());
                    return opening.ticket().persist()
                            .flatMap(persisted -> events.emit(opening.opened()))
                            .replaceWith(opening.ticket());
                });
    }

    /** A ticket about to be opened (not persisted yet) and the event that announces it. */
    public record Opening(Ticket ticket, TicketOpened opened) {
    }

    /**
     * The ticket {@link #openWithin} opens for the request, for the customer it names, and its {@link TicketOpened};
     * for a caller that persists many at once, with their events.
     */
    public Opening opening(NewTicket request, Customer customer, Instant now) {
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.customerId = customer.id;
        ticket.plan = customer.plan;
        ticket.title = request.title();
        ticket.description = request.description();
        ticket.severity = request.severity();
        ticket.status = TicketStatus.NEW;
        ticket.source = request.source();
        ticket.dedupKey = request.dedupKey();
        ticket.alertStartsAt = request.alertStartsAt();
        ticket.openedBy = request.openedBy();
        ticket.createdAt = now;
        ticket.updatedAt = now;
        TicketOpened opened = new TicketOpened(ticket.id, customer.id, customer.name, customer.plan,
                ticket.severity, ticket.title, ticket.source, ticket.openedBy, now, ticket.component,
                List.of(ticket.tags()), ticket.description);
        return new Opening(ticket, opened);
    }

    /**
     * Inserts tickets {@link #opening} made (which the caller may have changed since as an incident's alert: its
     * occurrences, alert start and resolution, and so its version), in one statement however many: the same rows
     * persisting each would write. A ticket holding anything else an opening does not set is refused, as a column
     * this statement would leave out.
     */
    public static Uni<Void> insertOpened(List<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = tickets.size();
        String[][] columns = new String[16][size];
        for (int i = 0; i < size; i++) {
            Ticket t = tickets.get(i);
            if (t.tier != null || t.team != null || t.assignee != null || t.component != null
                    || t.environment != null || t.productVersion != null || t.tags().length > 0
                    || t.statusReason != null || t.resolutionNote != null || t.resolvedAt != null
                    || t.closedAt != null || t.problemId != null || t.breachedAt != null
                    || t.firstRespondedAt != null) {
                throw new IllegalArgumentException("ticket " + t.id + " holds more than an opening sets");
            }
            String[] row = {t.id.toString(), t.customerId.toString(), t.plan.name(), t.title, t.description,
                    t.severity.name(), t.status.name(), t.source, t.dedupKey, t.openedBy,
                    String.valueOf(t.occurrences), text(t.alertStartsAt), text(t.alertResolvedAt), text(t.createdAt),
                    text(t.updatedAt), String.valueOf(t.version)};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        return Panache.getSession().flatMap(session -> {
            var insert = session.createNativeQuery("""
                    insert into ticket (id, customer_id, plan, title, description, severity, status, source,
                                        dedup_key, opened_by, occurrences, alert_starts_at, alert_resolved_at,
                                        created_at, updated_at, version)
                    select cast(t.id as uuid), cast(t.customer_id as uuid), t.plan, t.title, t.description,
                           t.severity, t.status, t.source, t.dedup_key, t.opened_by, cast(t.occurrences as integer),
                           cast(t.alert_starts_at as timestamptz), cast(t.alert_resolved_at as timestamptz),
                           cast(t.created_at as timestamptz), cast(t.updated_at as timestamptz),
                           cast(t.version as bigint)
                    from unnest(cast(:c0 as text[]), cast(:c1 as text[]), cast(:c2 as text[]), cast(:c3 as text[]),
                                cast(:c4 as text[]), cast(:c5 as text[]), cast(:c6 as text[]), cast(:c7 as text[]),
                                cast(:c8 as text[]), cast(:c9 as text[]), cast(:c10 as text[]),
                                cast(:c11 as text[]), cast(:c12 as text[]), cast(:c13 as text[]),
                                cast(:c14 as text[]), cast(:c15 as text[]))
                         with ordinality as t(id, customer_id, plan, title, description, severity, status, source,
                                              dedup_key, opened_by, occurrences, alert_starts_at, alert_resolved_at,
                                              created_at, updated_at, version, position)
                    order by t.position""", new AffectedEntities(Ticket.class));
            for (int c = 0; c < columns.length; c++) {
                insert.setParameter("c" + c, columns[c]);
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }

    /** An instant as PostgreSQL reads a timestamptz; null stays null. */
    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public void countOpened(Severity severity, String source) {
        countOpened(severity, source, 1);
    }

    /** Counts {@code tickets} opened at once. */
    public void countOpened(Severity severity, String source, int tickets) {
        registry.counter("tierline.tickets.opened", "severity", severity.name(), "source", source)
                .increment(tickets);
    }

    @WithSession
    public Uni<Ticket> get(UUID id) {
        return Ticket.<Ticket>findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", id));
    }

    /**
     * Resolved tickets about the same thing: those sharing the most words of this one's title and description
     * (weighted: title words count more), best first, so L1 can reuse a fix found before.
     */
    @WithSession
    public Uni<List<Ticket>> similar(UUID ticketId, int limit) {
        return Ticket.<Ticket>findById(ticketId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .flatMap(ticket -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                                with words as (
                                    select to_tsquery('english', string_agg(quote_literal(lexeme), ' | ')) as query
                                    from unnest((select subject_words from ticket where id = ?1)))
                                select t.id from ticket t, words
                                where t.status in ('RESOLVED', 'CLOSED') and t.id <> ?1
                                  and t.subject_words @@ words.query
                                order by ts_rank(t.subject_words, words.query) desc, t.resolved_at desc nulls last,
                                         t.id
                                limit ?2""", UUID.class)
                        .setParameter(1, ticketId)
                        .setParameter(2, limit)
                        .getResultList()))
                .flatMap(TicketService::inOrder);
    }

    /** The tickets a search finds, in its order, {@code query}'s limit at most. */
    @WithSession
    public Uni<List<Ticket>> search(TicketQuery query) {
        return Panache.getSession().flatMap(session -> {
            var ids = session.createNativeQuery(query.sql(), UUID.class);
            for (int i = 0; i < query.params().size(); i++) {
                ids.setParameter(i + 1, query.params().get(i));
            }
            return ids.getResultList();
        }).flatMap(TicketService::inOrder);
    }

    /** The tickets with these ids, in the order of the ids (the order a native query found them in). */
    private static Uni<List<Ticket>> inOrder(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Ticket.<Ticket>list("id in ?1", ids).map(found -> {
            Map<UUID, Ticket> byId = new HashMap<>();
            found.forEach(ticket -> byId.put(ticket.id, ticket));
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }

    /**
     * Applies a merge patch to the ticket whose current ETag {@code ifMatch} names: the change, its events and their
     * timeline entries commit together. The row is locked while it is checked, so of two edits made from the same
     * ETag the second finds the ticket changed (412) instead of overwriting the first.
     */
    @WithTransaction
    public Uni<Ticket> update(UUID id, String ifMatch, TicketPatch patch, String by) {
        return Ticket.forChange(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", id))
                .call(ticket -> {
                    Versions.requireMatch(ifMatch, ticket.version, "ticket");
                    return checkProblemLink(ticket, patch);
                })
                .flatMap(ticket -> {
                    Instant now = clock.instant();
                    TicketStatus before = ticket.status;
                    Uni<Void> done = events.emit(edit.apply(ticket, patch, by, now));
                    if (before != TicketStatus.RESOLVED && ticket.status == TicketStatus.RESOLVED) {
                        done = done.flatMap(ignored -> resolveLinkedTickets(ticket, by, now));
                    }
                    return done.replaceWith(ticket);
                });
    }

    /**
     * The ticket's comments, oldest first, a page at a time ({@code limit} rows after {@code after}); internal notes
     * only when {@code withInternalNotes}.
     */
    @WithSession
    public Uni<List<Comment>> comments(UUID ticketId, Cursor after, int limit, boolean withInternalNotes) {
        String visible = withInternalNotes ? "" : " and visibility = 'PUBLIC'";
        return Ticket.<Ticket>findById(ticketId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .flatMap(ticket -> (after == null
                        ? Comment.<Comment>find("ticketId = ?1" + visible + " order by createdAt, id", ticketId)
                        : Comment.<Comment>find("ticketId = ?1" + visible
                                + " and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                        ticketId, after.at(), after.id()))
                        .page(0, limit).list());
    }

    @WithTransaction
    public Uni<Comment> comment(UUID ticketId, NewComment request) {
        return Ticket.forChange(ticketId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Ticket", ticketId))
                .flatMap(ticket -> addComment(ticket, request, clock.instant()));
    }

    /** Adds a comment to a locked ticket, with its event and, for a customer's reply, the reopening it causes. */
    private Uni<Comment> addComment(Ticket ticket, NewComment request, Instant now) {
        if (ticket.status == TicketStatus.CLOSED) {
            throw new ProblemException(Problem.of(409, "ticket-closed", "Ticket is closed",
                    "A CLOSED ticket takes no more comments; open a new ticket", List.of()));
        }
        Comment comment = new Comment();
        comment.id = UUID.randomUUID();
        comment.ticketId = ticket.id;
        comment.body = request.body();
        comment.visibility = request.visibility();
        comment.authorType = request.authorType();
        comment.author = request.author();
        comment.postedBy = request.postedBy();
        comment.createdAt = now;
        boolean agentReply = comment.visibility == Comment.Visibility.PUBLIC
                && comment.authorType == Comment.AuthorType.AGENT;
        boolean statusUpdate = agentReply && ticket.isOpen();
        boolean firstResponse = agentReply && ticket.respondedByAgent(now);
        TicketCommented commented = new TicketCommented(ticket.id, comment.id, comment.visibility.name(),
                comment.authorType.name(), comment.author, comment.postedBy, now, firstResponse, statusUpdate);
        Optional<TicketStatusChanged> reopened = comment.visibility == Comment.Visibility.PUBLIC
                && comment.authorType == Comment.AuthorType.CUSTOMER
                ? edit.customerReplied(ticket, request.postedBy(), now) : Optional.empty();
        return comment.persist()
                .flatMap(persisted -> events.emit(commented))
                .flatMap(ignored -> events.emit(reopened.stream().toList()))
                .replaceWith(comment);
    }

    /**
     * Checks a link to a problem ticket before it is made: the problem exists and is open, is not the ticket itself
     * and names no problem of its own, and the ticket is not a problem others are linked to (one level, no chains).
     */
    private Uni<Void> checkProblemLink(Ticket ticket, TicketPatch patch) {
        if (patch.problemId() == null || patch.problemId().value() == null
                || patch.problemId().value().equals(ticket.problemId)) {
            return Uni.createFrom().voidItem();
        }
        UUID problemId = patch.problemId().value();
        if (problemId.equals(ticket.id)) {
            throw problemLink("a ticket cannot be its own problem");
        }
        return Ticket.<Ticket>findById(problemId)
                .invoke(problem -> {
                    if (problem == null) {
                        throw problemLink("no ticket with id " + problemId);
                    }
                    if (!problem.isOpen()) {
                        throw problemLink("the problem ticket is " + problem.status + "; link to an open one");
                    }
                    if (problem.problemId != null) {
                        throw problemLink("that ticket is itself linked to a problem; link to that problem instead");
                    }
                })
                .flatMap(problem -> Ticket.count("problemId", ticket.id))
                .invoke(linked -> {
                    if (linked > 0) {
                        throw problemLink("this ticket is a problem " + linked + " tickets are linked to");
                    }
                })
                .replaceWithVoid();
    }

    private static ProblemException problemLink(String why) {
        return ProblemException.unprocessable("invalid-problem-link", "Invalid problem link", "problemId: " + why,
                List.of(new Problem.FieldError("problemId", why)));
    }

    /**
     * A problem ticket was resolved: each open ticket linked to it gets a public reply with the fix and is resolved
     * with it, in the same transaction, so a known bug's fix reaches every affected customer at once.
     */
    private Uni<Void> resolveLinkedTickets(Ticket problem, String by, Instant now) {
        return Ticket.<Ticket>find("problemId = ?1 and status not in ?2 order by createdAt",
                        problem.id, List.of(TicketStatus.RESOLVED, TicketStatus.CLOSED))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .flatMap(linked -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Ticket incident : linked) {
                        String reply = "The problem behind this ticket has been fixed: " + problem.resolutionNote;
                        chain = chain
                                .flatMap(ignored -> addComment(incident, new NewComment(StorableText.cut(reply, 20000),
                                        Comment.Visibility.PUBLIC, Comment.AuthorType.AGENT, by, by), now))
                                .flatMap(comment -> events.emit(edit.resolveWithProblem(incident, problem, by, now)));
                    }
                    return chain;
                });
    }
}
