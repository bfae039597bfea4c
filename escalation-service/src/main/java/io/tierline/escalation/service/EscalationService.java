package io.tierline.escalation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketEscalationRequested;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.escalation.domain.TicketEscalation;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.policy.EscalationRun;
import io.tierline.escalation.run.EscalationRuns;
import io.tierline.escalation.routing.RoutingRuleStore;
import io.tierline.escalation.routing.RoutingRules;
import io.tierline.escalation.routing.TicketFacts;
import io.tierline.escalation.team.TeamInfo;
import io.tierline.escalation.team.Teams;
import io.tierline.platform.memo.SessionMemo;
import io.tierline.platform.outbox.Outbox;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/** Escalation use cases: routing a new ticket to a tier, a team and its on-call people; handing it up a tier. */
@ApplicationScoped
public class EscalationService {

    private static final Logger LOG = Logger.getLogger(EscalationService.class);

    /** A routing decision with the people who would be paged for it. */
    public record Evaluation(RoutingRules.Decision decision, List<Responder> responders) {
    }

    private final RoutingRuleStore rules;
    private final Teams teams;
    private final EscalationRuns runs;
    private final Outbox outbox;
    private final Clock clock;

    EscalationService(RoutingRuleStore rules, Teams teams, EscalationRuns runs, Outbox outbox, Clock clock) {
        this.rules = rules;
        this.teams = teams;
        this.runs = runs;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Routes a newly opened ticket and emits {@link TicketRouted}; both commit with the caller's transaction (the
     * idempotent consumer's). A ticket routed before keeps its routing: the answer is then an empty item.
     */
    public Uni<TicketRouted> route(TicketOpened opened) {
        return TicketEscalation.<TicketEscalation>findById(opened.ticketId())
                .flatMap(existing -> {
                    if (existing != null) {
                        LOG.debugf("Ticket %s was already routed to %s/%s; keeping that", opened.ticketId(),
                                existing.tier, existing.team);
                        return Uni.createFrom().nullItem();
                    }
                    return routeNew(opened);
                });
    }

    private Uni<TicketRouted> routeNew(TicketOpened opened) {
        TicketFacts facts = new TicketFacts(opened.severity(), opened.plan(), opened.customerId(), opened.component(),
                Set.copyOf(opened.tags()), opened.source(), opened.title(), opened.description());
        return evaluate(facts).flatMap(evaluation -> routeNew(opened, evaluation));
    }

    /**
     * Keeps the routing and starts the ticket's escalation under the rule's policy, else its team's: level 1's people
     * are its responders and, when its severity pages at once, are paged. A ticket without a policy stands with its
     * team's members and pages nobody until an SLA breach.
     */
    private Uni<TicketRouted> routeNew(TicketOpened opened, Evaluation evaluation) {
        RoutingRules.Decision decision = evaluation.decision();
        // PostgreSQL keeps microseconds: the routed event and the stored row must tell the same time
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TicketEscalation escalation = new TicketEscalation();
        escalation.ticketId = opened.ticketId();
        escalation.severity = opened.severity();
        escalation.plan = opened.plan();
        escalation.tier = decision.tier();
        escalation.team = decision.team();
        escalation.rule = decision.rule();
        escalation.responders = evaluation.responders();
        escalation.routedAt = now;
        escalation.updatedAt = now;
        return policyId(decision).flatMap(policyId -> runs.load(policyId).flatMap(loaded -> {
            Optional<EscalationPolicy> policy = loaded.policy(policyId);
            if (policyId != null && policy.isEmpty()) {
                LOG.warnf("Ticket %s: escalation policy %s does not exist; nobody is paged until an SLA breach",
                        opened.ticketId(), policyId);
            }
            EscalationRun.Transition started = policy.map(p -> runs.begin(escalation, p, loaded, now)).orElse(null);
            if (started != null) {
                EscalationRuns.announced(started).ifPresent(people -> escalation.responders = people);
            }
            TicketRouted routed = new TicketRouted(escalation.ticketId, escalation.tier, escalation.team,
                    escalation.rule, escalation.responders, now, policy.map(EscalationPolicy::id).orElse(null),
                    decision.runbookArticleId());
            return escalation.persist()
                    // routed before any page: notification-service learns the responders first
                    .call(() -> outbox.emit(routed))
                    .call(() -> started == null ? Uni.createFrom().voidItem() : runs.keep(escalation, started, loaded))
                    .invoke(() -> LOG.infof("Routing ticket %s (%s, %s) to %s/%s%s: %s", opened.ticketId(),
                            opened.severity(), opened.plan(), decision.tier(), decision.team(),
                            started == null ? "" : " under policy " + policyId, decision.explanation()))
                    .replaceWith(routed);
        }));
    }

    /** The policy the rule names, else the routed team's; null when neither has one. */
    private Uni<String> policyId(RoutingRules.Decision decision) {
        if (decision.escalationPolicyId() != null) {
            return Uni.createFrom().item(decision.escalationPolicyId());
        }
        return teams.remembered(decision.team()).map(team -> team.map(TeamInfo::escalationPolicyId).orElse(null));
    }

    /**
     * Hands a ticket up to the tier an escalation request names, where no escalation policy took it there: the tier's
     * team and its members replace the ticket's, any escalation run ends, and {@link TicketTierChanged} says so; it
     * commits with the caller's transaction. A ticket at that tier
     * or higher already (an earlier request went through) stays as it is: the answer is then an empty item.
     */
    public Uni<TicketTierChanged> escalate(TicketEscalationRequested requested) {
        return TicketEscalation.<TicketEscalation>findById(requested.ticketId())
                .flatMap(escalation -> {
                    if (escalation == null) {
                        LOG.warnf("Escalation %s of ticket %s: the ticket was never routed here; nothing to move",
                                requested.escalationId(), requested.ticketId());
                        return Uni.createFrom().nullItem();
                    }
                    if (escalation.tier.compareTo(requested.toTier()) >= 0) {
                        LOG.infof("Escalation %s of ticket %s to %s: the ticket is at %s already", requested.escalationId(),
                                requested.ticketId(), requested.toTier(), escalation.tier);
                        return Uni.createFrom().nullItem();
                    }
                    return teams.forTier(requested.toTier()).flatMap(atTier -> {
                        // the tier's first team by id takes the ticket
                        TeamInfo team = atTier.isEmpty() ? null : atTier.get(0);
                        if (team == null) {
                            LOG.warnf("No team works at tier %s (create one at /api/v1/teams): ticket %s keeps team %s",
                                    requested.toTier(), requested.ticketId(), escalation.team);
                        }
                        Uni<List<Responder>> responders = team != null ? Uni.createFrom().item(team.responders())
                                : responders(escalation.team);
                        return responders.flatMap(people -> {
                            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                            TicketTierChanged changed = new TicketTierChanged(requested.ticketId(), escalation.tier,
                                    requested.toTier(), team != null ? team.id() : escalation.team, requested.reason(),
                                    requested.escalationId(), people, now);
                            escalation.tier = changed.toTier();
                            escalation.team = changed.team();
                            escalation.responders = changed.responders();
                            escalation.updatedAt = now;
                            // no policy at the new tier: the old tier's escalation stops; the members stand for it
                            escalation.run = null;
                            escalation.policyId = null;
                            return outbox.emit(changed).replaceWith(changed);
                        });
                    });
                });
    }

    /** What routing would decide for a ticket of this severity and plan, and who would be paged. */
    public Uni<Evaluation> evaluate(Severity severity, Plan plan) {
        return evaluate(TicketFacts.of(severity, plan));
    }

    /** What routing would decide for this ticket under the rules as they are now, and who would be paged. */
    public Uni<Evaluation> evaluate(TicketFacts ticket) {
        return SessionMemo.remember(RoutingRules.class, rules::current).map(current -> current.decide(ticket))
                .flatMap(decision -> responders(decision.team()).map(people -> new Evaluation(decision, people)));
    }

    /** The people paged for a team: its members, in order; nobody when the team does not exist. */
    private Uni<List<Responder>> responders(String team) {
        return teams.remembered(team).map(found -> found.map(TeamInfo::responders).orElseGet(() -> {
            LOG.warnf("Team '%s' receives tickets but does not exist (create it at /api/v1/teams): nobody is paged",
                    team);
            return List.of();
        }));
    }

    @WithSession
    public Uni<TicketEscalation> get(UUID ticketId) {
        return TicketEscalation.<TicketEscalation>findById(ticketId)
                .onItem().ifNull().failWith(() -> new ProblemException(Problem.of(404, "not-found",
                        "Escalation not found", "No escalation for ticket " + ticketId
                                + ": the ticket is unknown or has not been routed yet", List.of())));
    }
}
