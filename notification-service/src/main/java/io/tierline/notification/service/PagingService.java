package io.tierline.notification.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.PageRequested;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.notification.delivery.PageTimers;
import io.tierline.notification.domain.PageCauses;
import io.tierline.platform.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides who is paged for what. A page exists for every (cause, responder) pair known for a ticket; routing events
 * bring the responders, SLA events the causes, in either order. Call inside the transaction that applies the event.
 */
@ApplicationScoped
public class PagingService {

    private static final Logger LOG = Logger.getLogger(PagingService.class);

    private final Timers timers;
    private final Clock clock;

    PagingService(Timers timers, Clock clock) {
        this.timers = timers;
        this.clock = clock;
    }

    /** Records the ticket's responders, then pages them for the causes already recorded. */
    public Uni<Void> routed(TicketRouted routed) {
        List<Responder> responders = routed.responders() == null ? List.of() : routed.responders();
        Uni<Void> chain = lockTicket(routed.ticketId());
        for (Responder responder : responders) {
            if (responder != null && responder.id() != null && !responder.id().isBlank()) {
                chain = chain.call(() -> upsertResponder(routed.ticketId(), routed.tier(), routed.team(), responder));
            }
        }
        return chain.call(() -> createMissingPages(routed.ticketId()));
    }

    /**
     * The ticket moved to another tier: the new team's on-call people replace its responders, and are paged for the
     * causes already recorded (once each, as always).
     */
    public Uni<Void> tierChanged(TicketTierChanged changed) {
        return replaceResponders(changed.ticketId(), changed.toTier(), changed.team(), changed.responders())
                .call(() -> createMissingPages(changed.ticketId()));
    }

    /** Locks the ticket and makes these people its responders, and nobody else. */
    private Uni<Void> replaceResponders(UUID ticketId, Tier tier, String team, List<Responder> responders) {
        Set<String> ids = new HashSet<>();
        Uni<Void> chain = lockTicket(ticketId);
        for (Responder responder : responders) {
            if (responder != null && responder.id() != null && !responder.id().isBlank()) {
                ids.add(responder.id());
                chain = chain.call(() -> upsertResponder(ticketId, tier, team, responder));
            }
        }
        return chain.call(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        delete from ticket_responder where ticket_id = :ticket
                        and not (responder_id = any(cast(:keep as text[])))""")
                .setParameter("ticket", ticketId)
                .setParameter("keep", ids.toArray(String[]::new))
                .executeUpdate()));
    }

    /**
     * escalation-service asks for these people to be paged now: they become the ticket's responders (an SLA breach
     * pages them from then on), and each is paged once for the request's page key, however often it is delivered.
     */
    public Uni<Void> pageRequested(PageRequested requested) {
        List<Responder> responders = requested.responders().stream()
                .filter(r -> r != null && r.id() != null && !r.id().isBlank())
                .toList();
        String detail = "Level " + requested.level() + " of " + (requested.escalationPolicyId() == null ? "the policy"
                : "policy " + requested.escalationPolicyId()) + " (" + requested.tier()
                + (requested.team() == null ? "" : ", team " + requested.team()) + ")"
                + (requested.reason() == null ? "" : ": " + requested.reason());
        return replaceResponders(requested.ticketId(), requested.tier(), requested.team(), responders)
                .call(() -> recordCause(requested.ticketId(), PageCauses.escalation(requested.pageKey()),
                        requested.severity() == null ? null : requested.severity().name(), detail,
                        requested.requestedAt() != null ? requested.requestedAt() : clock.instant(),
                        responders.stream().map(Responder::id).toArray(String[]::new)))
                .call(() -> createMissingPages(requested.ticketId()));
    }

    /** Records the breach as a cause (once per clock), then pages the ticket's known responders for it. */
    public Uni<Void> slaBreached(SlaBreached breached) {
        String cause = PageCauses.slaBreached(breached.clock());
        String detail = "The " + breached.clock().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " target was due at "
                + breached.dueAt() + (breached.late() ? " (announced late)" : "");
        Instant occurredAt = breached.breachedAt() != null ? breached.breachedAt() : breached.dueAt();
        return lockTicket(breached.ticketId())
                .call(() -> recordCause(breached.ticketId(), cause,
                        breached.severity() == null ? null : breached.severity().name(), detail,
                        occurredAt != null ? occurredAt : clock.instant(), null))
                .call(() -> createMissingPages(breached.ticketId()));
    }

    /**
     * Serializes the work on one ticket across the routing and SLA consumers: without it, a routing and a breach
     * applied at the same time would each miss the other's uncommitted rows and nobody would be paged.
     */
    private Uni<Void> lockTicket(UUID ticketId) {
        // run as a statement: a native select would add a plan to Hibernate's cache on every call
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        select pg_advisory_xact_lock(hashtext('notification.ticket'), hashtext(:ticket))""")
                .setParameter("ticket", ticketId.toString())
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> upsertResponder(UUID ticketId, Tier tier, String team, Responder responder) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into ticket_responder (ticket_id, responder_id, name, tier, team)
                        values (:ticket, :responder, :name, :tier, :team)
                        on conflict (ticket_id, responder_id)
                        do update set name = excluded.name, tier = excluded.tier, team = excluded.team""")
                .setParameter("ticket", ticketId)
                .setParameter("responder", responder.id())
                .setParameter("name", responder.name() == null ? responder.id() : responder.name())
                .setParameter("tier", tier == null ? null : tier.name())
                .setParameter("team", team)
                .executeUpdate()).replaceWithVoid();
    }

    /** @param responders the only people the cause pages; null for whoever the ticket's responders are */
    private Uni<Void> recordCause(UUID ticketId, String cause, String severity, String detail, Instant occurredAt,
                                  String[] responders) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into page_cause (ticket_id, cause, severity, detail, occurred_at, responders)
                        values (:ticket, :cause, :severity, :detail, :occurredAt, cast(:responders as text[]))
                        on conflict (ticket_id, cause) do nothing""")
                .setParameter("ticket", ticketId)
                .setParameter("cause", cause)
                .setParameter("severity", severity)
                .setParameter("detail", detail)
                .setParameter("occurredAt", occurredAt)
                .setParameter("responders", responders)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Inserts the pages not there yet and schedules the first delivery of each, in this transaction and one statement.
     */
    private Uni<Void> createMissingPages(UUID ticketId) {
        Instant now = clock.instant();
        return timers.scheduleForEach("""
                        insert into page (id, ticket_id, responder_id, cause, status, caused_at, created_at)
                        select gen_random_uuid(), r.ticket_id, r.responder_id, c.cause, 'PENDING', c.occurred_at, :now
                        from ticket_responder r join page_cause c on c.ticket_id = r.ticket_id
                        where r.ticket_id = :ticket
                          and (c.responders is null or r.responder_id = any(c.responders))
                        order by c.occurred_at, r.responder_id
                        on conflict (ticket_id, cause, responder_id) do nothing
                        returning cast(id as text) as timer_key""",
                        Map.of("ticket", ticketId, "now", now), PageTimers.KIND, now)
                .invoke(created -> {
                    if (created > 0) {
                        LOG.infof("Ticket %s: %d new page(s)", ticketId, created);
                    }
                })
                .replaceWithVoid();
    }
}
