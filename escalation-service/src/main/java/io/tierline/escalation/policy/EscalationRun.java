package io.tierline.escalation.policy;

import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.policy.Effect.Exhausted;
import io.tierline.escalation.policy.Effect.PageRequested;
import io.tierline.escalation.policy.Effect.RespondersAnnounced;
import io.tierline.escalation.policy.Effect.TierMoved;
import io.tierline.escalation.policy.Effect.TimerCancelled;
import io.tierline.escalation.policy.Effect.TimerSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The escalation of one ticket: where it stands in its tier's policy, what it waits for, and what it has paged.
 *
 * <p>Immutable: every transition answers a new run and the {@link Effect}s the caller must carry out (pages to send,
 * timers to set). A transition that does not apply (a stale timer, a second acknowledgement, an event after the
 * resolution) answers the same run and no effects, which makes redelivered events and timers harmless.
 *
 * <p>Rules the transitions follow:
 * <ul>
 *   <li>A routed ticket whose severity pages at once ({@link Urgency#PAGE_AT_ONCE}) pages level 1 at once
 *   ({@link Cause#SEV_AT_ONCE}); any other stays {@link Status#IDLE} until an SLA clock alerts
 *   ({@link Cause#SLA_ALERT}) or its severity changes to one that pages at once ({@link Cause#SEVERITY_RAISED}).</li>
 *   <li>Nobody acknowledges within a level's delay: the next level is paged ({@link Cause#CLIMB}); after the last
 *   level the policy starts over ({@link Cause#REPEAT}) {@code repeats} times; then the ticket goes up to the next
 *   tier that has a policy, whose level 1 is paged ({@link Cause#TIER_MOVE}). With no tier above, the run is
 *   {@link Status#EXHAUSTED} and stays at its tier.</li>
 *   <li>A level whose targets resolve to nobody is skipped at once (recorded in the history with no responders):
 *   waiting out its delay would leave an urgent ticket with nobody paged.</li>
 *   <li>An acknowledgement stops the climb; with an ack timeout for the severity, an acknowledged ticket neither
 *   resolved nor updated within it pages the current level again ({@link Cause#ACK_TIMEOUT}) and the climb resumes.
 *   An update, or a severity change, restarts the ack timeout. Resolving stops everything, for good.</li>
 *   <li>An SLA alert matching one of the policy's {@link TierMoveRule}s moves the ticket up and pages the new tier,
 *   whatever its status (an acknowledged ticket is running late too). A manual escalation moves it up (never down)
 *   and pages the new tier unless the ticket was idle and its severity does not page at once there.</li>
 *   <li>Time never runs backwards inside a run: an event stamped before the latest instant the run has seen
 *   ({@link #asOf()}) is taken as happening at that instant, so timers are never set in the past.</li>
 *   <li>Each person is paged at most once per {@link PageKey} (ticket, tier, repeat, level, cause, occurrence).</li>
 * </ul>
 *
 * @param level   0-based index of the current level in {@code policy}
 * @param repeat  0-based round of the policy: 0 the first time through, up to {@code policy.repeats()}
 * @param lapses  how many ack timeouts have fired: the occurrence of the next ACK_TIMEOUT page's key
 * @param paged   every page key already paged, so that nobody is paged twice for the same thing
 * @param alertsSeen every SLA alert acted on: a redelivered alert must not move the ticket up twice (the next
 *                tier's policy may have a rule for the same clock)
 * @param asOf    the latest instant the run has seen
 */
public record EscalationRun(UUID ticketId, Tier tier, EscalationPolicy policy, Severity severity, Status status,
                            int level, int repeat, Optional<NextStep> nextStep, List<Page> history,
                            Optional<Acknowledgement> acknowledgement, int lapses, Set<PageKey> paged,
                            Set<AlertSeen> alertsSeen, Instant asOf) {

    public enum Status {
        /** Routed, nobody paged: the severity waits for an SLA alert (or the tier move did not page). */
        IDLE,
        /** Paged, waiting for an acknowledgement before the next level's page. */
        PAGING,
        /** Somebody acknowledged; only an ack timeout (if any) brings the pages back. */
        ACKNOWLEDGED,
        /** The ticket is resolved: the run is over. */
        RESOLVED,
        /** Every level of every tier was paged and nobody acknowledged. */
        EXHAUSTED
    }

    /** What the run waits for next: {@link #onTimer} with exactly this kind and instant carries it out. */
    public record NextStep(TimerKind kind, Instant at) {
    }

    /** A page in the history; no responders means the level resolved to nobody and was skipped. */
    public record Page(Tier tier, int level, int repeat, Cause cause, List<Responder> responders, Instant at) {
        public Page {
            responders = List.copyOf(responders);
        }
    }

    /** Who acknowledged, and when: the latest acknowledgement. */
    public record Acknowledgement(String by, Instant at) {
    }

    /** An SLA alert as delivered: its clock, how far it ran, and the instant it carries. */
    public record AlertSeen(SlaClockKind clock, SlaAlert alert, Instant at) {
    }

    /** A run after a transition and what the caller must do about it, in order. */
    public record Transition(EscalationRun run, List<Effect> effects) {
        public Transition {
            effects = List.copyOf(effects);
        }
    }

    public EscalationRun {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(asOf, "asOf");
        if (level < 0 || level >= policy.levels().size()) {
            throw new IllegalArgumentException("Level " + level + " is outside policy " + policy.id());
        }
        if (repeat < 0 || repeat > policy.repeats()) {
            throw new IllegalArgumentException("Repeat " + repeat + " is outside policy " + policy.id());
        }
        nextStep = nextStep == null ? Optional.empty() : nextStep;
        acknowledgement = acknowledgement == null ? Optional.empty() : acknowledgement;
        history = List.copyOf(history);
        paged = Collections.unmodifiableSet(new LinkedHashSet<>(paged));
        alertsSeen = Collections.unmodifiableSet(new LinkedHashSet<>(alertsSeen));
    }

    public String policyId() {
        return policy.id();
    }

    /**
     * Starts the escalation of a routed ticket with its tier's policy: announces level 1's people and, when the
     * severity pages at once, pages them. Start once per ticket; a redelivered routing must not start a second run.
     *
     * @param policies the other tiers' policies, should the ticket have to move up
     */
    public static Transition start(UUID ticketId, Tier tier, EscalationPolicy policy, Severity severity, Instant at,
                                   TargetResolver resolver, PolicyLookup policies) {
        policy.requireRunnable();
        EscalationRun idle = new EscalationRun(ticketId, tier, policy, severity, Status.IDLE, 0, 0, Optional.empty(),
                List.of(), Optional.empty(), 0, Set.of(), Set.of(), at);
        Draft draft = new Draft(idle, at, resolver, policies);
        draft.announce();
        if (policy.urgencyOf(severity) == Urgency.PAGE_AT_ONCE) {
            draft.page(0, 0, Cause.SEV_AT_ONCE);
        }
        return draft.build();
    }

    /**
     * A timer set by an earlier {@link TimerSet} fired. {@code at} is the instant the timer was set for: a timer that
     * is not the run's {@link #nextStep()} (cancelled, replaced, already fired) is stale and changes nothing.
     */
    public Transition onTimer(TimerKind kind, Instant at, TargetResolver resolver, PolicyLookup policies) {
        if (nextStep.isEmpty() || !nextStep.get().equals(new NextStep(kind, at))) {
            return unchanged();
        }
        Draft draft = new Draft(this, at, resolver, policies);
        draft.nextStep = null; // fired: nothing to cancel
        switch (kind) {
            case CLIMB -> draft.climb();
            case ACK_TIMEOUT -> {
                draft.lapses++;
                draft.page(level, repeat, Cause.ACK_TIMEOUT);
            }
        }
        return draft.build();
    }

    /**
     * Somebody acknowledged a page: the climb stops, and the ack timeout (if the severity has one) starts. Only a
     * paging (or exhausted) run takes it: a second acknowledgement, or one of a ticket never paged, changes nothing.
     */
    public Transition acknowledge(String by, Instant at) {
        if (status != Status.PAGING && status != Status.EXHAUSTED) {
            return unchanged();
        }
        Draft draft = new Draft(this, at, null, null);
        draft.status = Status.ACKNOWLEDGED;
        draft.acknowledgement = new Acknowledgement(by, draft.now);
        draft.startAckTimeout();
        return draft.build();
    }

    /** The ticket was resolved: nothing more is paged, whatever comes later (a reopened ticket starts a new run). */
    public Transition resolve(Instant at) {
        if (status == Status.RESOLVED) {
            return unchanged();
        }
        Draft draft = new Draft(this, at, null, null);
        draft.status = Status.RESOLVED;
        draft.schedule(null);
        return draft.build();
    }

    /** The ticket was updated: an acknowledged ticket's ack timeout starts over. Otherwise nothing changes. */
    public Transition updated(Instant at) {
        if (status != Status.ACKNOWLEDGED || policy.ackTimeoutOf(severity).isEmpty()) {
            return unchanged();
        }
        Draft draft = new Draft(this, at, null, null);
        draft.startAckTimeout();
        return draft.build();
    }

    /**
     * The ticket's severity changed. Raised to SEV1 at L1, the ticket moves up to the next tier with a policy, which
     * pages its level 1 ({@link Cause#SEVERITY_RAISED}). Otherwise an idle run whose new severity pages at once pages
     * level 1 now; an acknowledged one restarts its ack timeout under the new severity; a paging one keeps climbing
     * (lowering the severity does not call off pages already under way).
     */
    public Transition severityChanged(Severity newSeverity, Instant at, TargetResolver resolver,
                                      PolicyLookup policies) {
        if (status == Status.RESOLVED || newSeverity == severity) {
            return unchanged();
        }
        Draft draft = new Draft(this, at, resolver, policies);
        draft.severity = newSeverity;
        // a ticket raised to SEV1 does not stay with the first tier: it goes up to the next tier with a policy
        Optional<Move> up = newSeverity == Severity.SEV1 && tier == Tier.L1
                ? Move.find(Tier.L2, policies) : Optional.empty();
        if (up.isPresent()) {
            draft.moveTo(up.get(), Cause.SEVERITY_RAISED, "raised to SEV1 moves " + tier + " to " + up.get().tier(),
                    true);
        } else if (status == Status.IDLE && policy.urgencyOf(newSeverity) == Urgency.PAGE_AT_ONCE) {
            draft.page(level, repeat, Cause.SEVERITY_RAISED);
        } else if (status == Status.ACKNOWLEDGED) {
            draft.startAckTimeout();
        }
        return draft.build();
    }

    /**
     * An SLA clock warned or breached ({@code at} is the instant the alert carries). A matching
     * {@link TierMoveRule} of the current policy moves the ticket up and pages the new tier; otherwise an idle ticket
     * pages level 1 ({@link Cause#SLA_ALERT}), and any other is left as it is (paging already, or acknowledged).
     * Each alert (clock, level, instant) is acted on once: redelivered, it changes nothing.
     */
    public Transition slaAlert(SlaClockKind clock, SlaAlert alert, Instant at, TargetResolver resolver,
                               PolicyLookup policies) {
        AlertSeen seen = new AlertSeen(clock, alert, at);
        if (status == Status.RESOLVED || alertsSeen.contains(seen)) {
            return unchanged();
        }
        Draft draft = new Draft(this, at, resolver, policies);
        draft.alertsSeen.add(seen);
        Optional<TierMoveRule> rule = policy.tierMoves().stream()
                .filter(r -> r.matches(clock, alert, tier))
                .findFirst();
        Optional<Move> move = rule.flatMap(r -> Move.find(r.to(), policies));
        if (move.isPresent()) {
            draft.moveTo(move.get(), Cause.TIER_MOVE, clock + " " + alert + " moves " + tier + " to "
                    + rule.get().to(), true);
        } else if (status == Status.IDLE) {
            draft.page(level, repeat, Cause.SLA_ALERT);
        }
        return draft.build();
    }

    /**
     * Someone asked for the ticket to go up to {@code targetTier} (or the first tier above it with a policy). A
     * request for the current tier or a lower one changes nothing: a redelivered request was carried out already.
     * The new tier is paged ({@link Cause#MANUAL_ESCALATION}) unless the ticket was idle and its severity does not
     * page at once under the new tier's policy; its people are announced either way.
     */
    public Transition escalate(Tier targetTier, String reason, Instant at, TargetResolver resolver,
                               PolicyLookup policies) {
        if (status == Status.RESOLVED || targetTier.compareTo(tier) <= 0) {
            return unchanged();
        }
        Optional<Move> move = Move.find(targetTier, policies);
        if (move.isEmpty()) {
            return unchanged();
        }
        boolean page = status != Status.IDLE || move.get().policy().urgencyOf(severity) == Urgency.PAGE_AT_ONCE;
        Draft draft = new Draft(this, at, resolver, policies);
        draft.moveTo(move.get(), Cause.MANUAL_ESCALATION, reason, page);
        return draft.build();
    }

    private Transition unchanged() {
        return new Transition(this, List.of());
    }

    /** A tier to move to and its policy. */
    private record Move(Tier tier, EscalationPolicy policy) {

        /** The first tier from {@code lowest} up that has a policy: a tier without one is passed over. */
        static Optional<Move> find(Tier lowest, PolicyLookup policies) {
            for (Tier candidate : Tier.values()) {
                if (candidate.compareTo(lowest) >= 0) {
                    Optional<EscalationPolicy> policy = policies.forTier(candidate);
                    if (policy.isPresent()) {
                        return Optional.of(new Move(candidate, policy.get().requireRunnable()));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** The working copy of one transition: the run's fields, and the effects gathered so far. */
    private static final class Draft {
        private final UUID ticketId;
        private final Instant now;
        private final TargetResolver resolver;
        private final PolicyLookup policies;
        private final List<Effect> effects = new ArrayList<>();
        private Tier tier;
        private EscalationPolicy policy;
        private Severity severity;
        private Status status;
        private int level;
        private int repeat;
        private NextStep nextStep;
        private final List<Page> history;
        private Acknowledgement acknowledgement;
        private int lapses;
        private final Set<PageKey> paged;
        private final Set<AlertSeen> alertsSeen;

        Draft(EscalationRun run, Instant at, TargetResolver resolver, PolicyLookup policies) {
            this.ticketId = run.ticketId();
            this.now = at.isBefore(run.asOf()) ? run.asOf() : at;
            this.resolver = resolver;
            this.policies = policies;
            this.tier = run.tier();
            this.policy = run.policy();
            this.severity = run.severity();
            this.status = run.status();
            this.level = run.level();
            this.repeat = run.repeat();
            this.nextStep = run.nextStep().orElse(null);
            this.history = new ArrayList<>(run.history());
            this.acknowledgement = run.acknowledgement().orElse(null);
            this.lapses = run.lapses();
            this.paged = new LinkedHashSet<>(run.paged());
            this.alertsSeen = new LinkedHashSet<>(run.alertsSeen());
        }

        Transition build() {
            return new Transition(new EscalationRun(ticketId, tier, policy, severity, status, level, repeat,
                    Optional.ofNullable(nextStep), history, Optional.ofNullable(acknowledgement), lapses, paged,
                    alertsSeen, now),
                    effects);
        }

        /** Replaces the pending timer, telling the caller to drop the old one and set the new one. */
        void schedule(NextStep next) {
            if (Objects.equals(next, nextStep)) {
                return;
            }
            if (nextStep != null) {
                effects.add(new TimerCancelled(ticketId, nextStep.kind(), nextStep.at()));
            }
            if (next != null) {
                effects.add(new TimerSet(ticketId, next.kind(), next.at()));
            }
            nextStep = next;
        }

        void startAckTimeout() {
            Optional<Duration> timeout = policy.ackTimeoutOf(severity);
            schedule(timeout.map(t -> new NextStep(TimerKind.ACK_TIMEOUT, now.plus(t))).orElse(null));
        }

        void announce() {
            Level first = policy.level(0);
            effects.add(new RespondersAnnounced(ticketId, tier, EscalationPolicy.teamOf(first),
                    EscalationPolicy.resolve(first, resolver, now), now));
        }

        /**
         * Pages a position of the current policy and waits for its delay. A position whose targets resolve to
         * nobody is skipped for the next one (and past the last, the ticket goes up a tier); people already paged
         * under the same key are left out.
         */
        void page(int atLevel, int atRepeat, Cause cause) {
            int positions = policy.levels().size() * (policy.repeats() + 1);
            for (int visited = 0; visited < positions; visited++) {
                level = atLevel;
                repeat = atRepeat;
                status = Status.PAGING;
                Level current = policy.level(level);
                List<Responder> people = EscalationPolicy.resolve(current, resolver, now);
                if (!people.isEmpty()) {
                    Cause why = cause;
                    int occurrence = why == Cause.ACK_TIMEOUT ? lapses : 0;
                    List<Responder> fresh = people.stream()
                            .filter(r -> paged.add(new PageKey(ticketId, r.id(), tier, repeat, level, why, occurrence)))
                            .toList();
                    if (!fresh.isEmpty()) {
                        effects.add(new PageRequested(ticketId, tier, level, repeat, why, occurrence, fresh, now));
                        history.add(new Page(tier, level, repeat, why, fresh, now));
                    }
                    schedule(new NextStep(TimerKind.CLIMB, now.plus(current.delay())));
                    return;
                }
                history.add(new Page(tier, level, repeat, cause, List.of(), now));
                if (level + 1 < policy.levels().size()) {
                    atLevel = level + 1;
                    cause = Cause.CLIMB;
                } else if (repeat < policy.repeats()) {
                    atLevel = 0;
                    atRepeat = repeat + 1;
                    cause = Cause.REPEAT;
                } else {
                    break;
                }
            }
            moveUp("nobody is on call at any remaining level of policy " + policy.id());
        }

        /** The current level's delay ran out unacknowledged: the next level, the next round, or the next tier. */
        void climb() {
            if (level + 1 < policy.levels().size()) {
                page(level + 1, repeat, Cause.CLIMB);
            } else if (repeat < policy.repeats()) {
                page(0, repeat + 1, Cause.REPEAT);
            } else {
                moveUp("nobody acknowledged policy " + policy.id() + " after " + (policy.repeats() + 1)
                        + " round(s)");
            }
        }

        /** The policy is exhausted: the next tier with a policy takes over, or the run is exhausted. */
        void moveUp(String reason) {
            Optional<Move> move = tier == Tier.L3 ? Optional.empty()
                    : Move.find(Tier.values()[tier.ordinal() + 1], policies);
            if (move.isPresent()) {
                moveTo(move.get(), Cause.TIER_MOVE, reason, true);
            } else {
                status = Status.EXHAUSTED;
                schedule(null);
                effects.add(new Exhausted(ticketId, tier, now));
            }
        }

        void moveTo(Move move, Cause cause, String reason, boolean page) {
            effects.add(new TierMoved(ticketId, tier, move.tier(), cause, reason, now));
            tier = move.tier();
            policy = move.policy();
            level = 0;
            repeat = 0;
            announce();
            if (page) {
                page(0, 0, cause);
            } else {
                status = Status.IDLE;
                schedule(null);
            }
        }
    }
}
