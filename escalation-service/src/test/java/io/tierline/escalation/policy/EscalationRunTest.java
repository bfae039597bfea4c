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
import io.tierline.escalation.policy.EscalationRun.Status;
import io.tierline.escalation.policy.EscalationRun.Transition;
import io.tierline.escalation.policy.Target.PersonTarget;
import io.tierline.escalation.policy.Target.ScheduleTarget;
import io.tierline.escalation.policy.Target.TeamTarget;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationRunTest {

    private static final UUID TICKET = UUID.fromString("00000000-0000-0000-0000-000000000042");
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Responder ANA = new Responder("ana", "Ana");
    private static final Responder BEN = new Responder("ben", "Ben");
    private static final Responder CAT = new Responder("cat", "Cat");
    private static final Responder DAN = new Responder("dan", "Dan");
    private static final Responder EVE = new Responder("eve", "Eve");

    /** ana is L1's first level; the primary schedule has ben and cat; L2's team core has dan; L3 is eve. */
    private static final Map<Target, List<Responder>> ON_CALL = Map.of(
            new PersonTarget("ana"), List.of(ANA),
            new ScheduleTarget("primary"), List.of(BEN, CAT, BEN),
            new TeamTarget("core"), List.of(DAN),
            new PersonTarget("eve"), List.of(EVE));
    private static final TargetResolver RESOLVER = (target, at) -> ON_CALL.getOrDefault(target, List.of());

    private static final EscalationPolicy L1 = new EscalationPolicy("l1", "Frontline",
            List.of(Level.of(Duration.ofMinutes(5), new PersonTarget("ana")),
                    Level.of(Duration.ofMinutes(10), new ScheduleTarget("primary"))),
            1, Map.of(), Map.of(Severity.SEV1, Duration.ofMinutes(30)),
            List.of(new TierMoveRule(SlaClockKind.FIRST_RESPONSE, SlaAlert.WARNING, Tier.L1, Tier.L2)));
    private static final EscalationPolicy L2 = new EscalationPolicy("l2", "Core",
            List.of(Level.of(Duration.ofMinutes(15), new TeamTarget("core"))), 0);
    private static final EscalationPolicy L3 = new EscalationPolicy("l3", "Engineering",
            List.of(Level.of(Duration.ofMinutes(20), new PersonTarget("eve"))), 0);
    private static final PolicyLookup POLICIES = tier -> Optional.of(switch (tier) {
        case L1 -> L1;
        case L2 -> L2;
        case L3 -> L3;
    });

    private static Transition start(Severity severity) {
        return EscalationRun.start(TICKET, Tier.L1, L1, severity, T0, RESOLVER, POLICIES);
    }

    private static Transition fire(EscalationRun run) {
        EscalationRun.NextStep next = run.nextStep().orElseThrow();
        return run.onTimer(next.kind(), next.at(), RESOLVER, POLICIES);
    }

    private static List<PageRequested> pages(Transition transition) {
        return transition.effects().stream().filter(PageRequested.class::isInstance).map(PageRequested.class::cast)
                .toList();
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void shouldPageLevelOneAtOnceForSev1() {
        Transition started = start(Severity.SEV1);

        assertThat(started.effects()).containsExactly(
                new RespondersAnnounced(TICKET, Tier.L1, null, List.of(ANA), T0),
                new PageRequested(TICKET, Tier.L1, 0, 0, Cause.SEV_AT_ONCE, 0, List.of(ANA), T0),
                new TimerSet(TICKET, TimerKind.CLIMB, at(5)));
        EscalationRun run = started.run();
        assertThat(run.status()).isEqualTo(Status.PAGING);
        assertThat(run.policyId()).isEqualTo("l1");
        assertThat(run.nextStep()).contains(new EscalationRun.NextStep(TimerKind.CLIMB, at(5)));
        assertThat(run.history()).containsExactly(
                new EscalationRun.Page(Tier.L1, 0, 0, Cause.SEV_AT_ONCE, List.of(ANA), T0));
    }

    @Test
    void shouldNotPageSev3UntilAnSlaClockAlerts() {
        Transition started = start(Severity.SEV3);
        assertThat(pages(started)).isEmpty();
        assertThat(started.run().status()).isEqualTo(Status.IDLE);
        assertThat(started.run().nextStep()).isEmpty();

        Transition alerted = started.run().slaAlert(SlaClockKind.NEXT_UPDATE, SlaAlert.WARNING, at(40), RESOLVER,
                POLICIES);

        assertThat(pages(alerted)).containsExactly(
                new PageRequested(TICKET, Tier.L1, 0, 0, Cause.SLA_ALERT, 0, List.of(ANA), at(40)));
        assertThat(alerted.run().nextStep()).contains(new EscalationRun.NextStep(TimerKind.CLIMB, at(45)));
        assertThat(alerted.run().slaAlert(SlaClockKind.NEXT_UPDATE, SlaAlert.BREACH, at(41), RESOLVER, POLICIES)
                .effects()).as("already paging").isEmpty();
    }

    @Test
    void shouldClimbThroughTheLevelsAfterTheirDelaysAndRepeat() {
        EscalationRun run = start(Severity.SEV1).run();

        Transition second = fire(run);
        assertThat(pages(second)).containsExactly(
                new PageRequested(TICKET, Tier.L1, 1, 0, Cause.CLIMB, 0, List.of(BEN, CAT), at(5)));
        assertThat(second.run().nextStep()).contains(new EscalationRun.NextStep(TimerKind.CLIMB, at(15)));

        Transition repeated = fire(second.run());
        assertThat(pages(repeated)).containsExactly(
                new PageRequested(TICKET, Tier.L1, 0, 1, Cause.REPEAT, 0, List.of(ANA), at(15)));
        assertThat(repeated.run().nextStep()).contains(new EscalationRun.NextStep(TimerKind.CLIMB, at(20)));

        Transition secondAgain = fire(repeated.run());
        assertThat(pages(secondAgain)).containsExactly(
                new PageRequested(TICKET, Tier.L1, 1, 1, Cause.CLIMB, 0, List.of(BEN, CAT), at(20)));
        assertThat(secondAgain.run().nextStep()).contains(new EscalationRun.NextStep(TimerKind.CLIMB, at(30)));
    }

    @Test
    void shouldMoveToL2WithItsPolicyAfterTheRepeats() {
        EscalationRun run = start(Severity.SEV1).run();
        for (int i = 0; i < 3; i++) {
            run = fire(run).run();
        }

        Transition moved = fire(run);

        assertThat(moved.effects()).containsExactly(
                new TierMoved(TICKET, Tier.L1, Tier.L2, Cause.TIER_MOVE,
                        "nobody acknowledged policy l1 after 2 round(s)", at(30)),
                new RespondersAnnounced(TICKET, Tier.L2, "core", List.of(DAN), at(30)),
                new PageRequested(TICKET, Tier.L2, 0, 0, Cause.TIER_MOVE, 0, List.of(DAN), at(30)),
                new TimerSet(TICKET, TimerKind.CLIMB, at(45)));
        assertThat(moved.run().tier()).isEqualTo(Tier.L2);
        assertThat(moved.run().policyId()).isEqualTo("l2");
        assertThat(moved.run().level()).isZero();
        assertThat(moved.run().repeat()).isZero();
    }

    @Test
    void shouldStayAtL3AndReportExhaustedWhenL3sPolicyRunsOut() {
        EscalationRun run = start(Severity.SEV1).run();
        for (int i = 0; i < 5; i++) {
            run = fire(run).run();
        }
        assertThat(run.tier()).isEqualTo(Tier.L3);

        Transition exhausted = fire(run);

        assertThat(exhausted.effects()).containsExactly(new Exhausted(TICKET, Tier.L3, at(65)));
        assertThat(exhausted.run().status()).isEqualTo(Status.EXHAUSTED);
        assertThat(exhausted.run().tier()).isEqualTo(Tier.L3);
        assertThat(exhausted.run().nextStep()).isEmpty();
    }

    @Test
    void shouldPassOverATierWithoutAPolicy() {
        PolicyLookup noL2 = tier -> tier == Tier.L2 ? Optional.empty() : POLICIES.forTier(tier);
        EscalationRun run = EscalationRun.start(TICKET, Tier.L1, L1, Severity.SEV1, T0, RESOLVER, noL2).run();
        for (int i = 0; i < 4; i++) {
            EscalationRun.NextStep next = run.nextStep().orElseThrow();
            run = run.onTimer(next.kind(), next.at(), RESOLVER, noL2).run();
        }
        assertThat(run.tier()).isEqualTo(Tier.L3);
    }

    @Test
    void shouldStopClimbingOnAcknowledgementAndIgnoreTheStaleTimer() {
        EscalationRun paging = start(Severity.SEV2).run();

        Transition acked = paging.acknowledge("ana", at(2));

        assertThat(acked.effects()).containsExactly(new TimerCancelled(TICKET, TimerKind.CLIMB, at(5)));
        assertThat(acked.run().status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(acked.run().acknowledgement()).contains(new EscalationRun.Acknowledgement("ana", at(2)));
        assertThat(acked.run().nextStep()).as("SEV2 has no ack timeout").isEmpty();

        Transition stale = acked.run().onTimer(TimerKind.CLIMB, at(5), RESOLVER, POLICIES);
        assertThat(stale.effects()).isEmpty();
        assertThat(stale.run()).isEqualTo(acked.run());
        assertThat(acked.run().acknowledge("ben", at(3)).effects()).as("second acknowledgement").isEmpty();
    }

    @Test
    void shouldPageTheCurrentLevelAgainWhenTheAckTimesOut() {
        EscalationRun atSecondLevel = fire(start(Severity.SEV1).run()).run();
        Transition acked = atSecondLevel.acknowledge("cat", at(7));
        assertThat(acked.effects()).containsExactly(
                new TimerCancelled(TICKET, TimerKind.CLIMB, at(15)),
                new TimerSet(TICKET, TimerKind.ACK_TIMEOUT, at(37)));

        Transition lapsed = fire(acked.run());

        assertThat(lapsed.effects()).containsExactly(
                new PageRequested(TICKET, Tier.L1, 1, 0, Cause.ACK_TIMEOUT, 1, List.of(BEN, CAT), at(37)),
                new TimerSet(TICKET, TimerKind.CLIMB, at(47)));
        assertThat(lapsed.run().status()).isEqualTo(Status.PAGING);

        Transition lapsedAgain = fire(lapsed.run().acknowledge("cat", at(40)).run());
        assertThat(pages(lapsedAgain)).as("a second lapse is a new reminder").containsExactly(
                new PageRequested(TICKET, Tier.L1, 1, 0, Cause.ACK_TIMEOUT, 2, List.of(BEN, CAT), at(70)));
    }

    @Test
    void shouldRestartTheAckTimeoutOnAnUpdate() {
        EscalationRun acked = start(Severity.SEV1).run().acknowledge("ana", at(1)).run();

        Transition updated = acked.updated(at(20));

        assertThat(updated.effects()).containsExactly(
                new TimerCancelled(TICKET, TimerKind.ACK_TIMEOUT, at(31)),
                new TimerSet(TICKET, TimerKind.ACK_TIMEOUT, at(50)));
        assertThat(updated.run().onTimer(TimerKind.ACK_TIMEOUT, at(31), RESOLVER, POLICIES).effects())
                .as("the old timeout is stale").isEmpty();
        assertThat(pages(fire(updated.run()))).extracting(PageRequested::cause).containsExactly(Cause.ACK_TIMEOUT);
    }

    @Test
    void shouldStopEverythingOnResolve() {
        EscalationRun paging = start(Severity.SEV1).run();

        Transition resolved = paging.resolve(at(3));

        assertThat(resolved.effects()).containsExactly(new TimerCancelled(TICKET, TimerKind.CLIMB, at(5)));
        EscalationRun run = resolved.run();
        assertThat(run.status()).isEqualTo(Status.RESOLVED);
        assertThat(run.onTimer(TimerKind.CLIMB, at(5), RESOLVER, POLICIES).effects()).isEmpty();
        assertThat(run.acknowledge("ana", at(4)).effects()).isEmpty();
        assertThat(run.updated(at(4)).effects()).isEmpty();
        assertThat(run.slaAlert(SlaClockKind.FIRST_RESPONSE, SlaAlert.BREACH, at(4), RESOLVER, POLICIES).effects())
                .isEmpty();
        assertThat(run.escalate(Tier.L3, "help", at(4), RESOLVER, POLICIES).effects()).isEmpty();
        assertThat(run.severityChanged(Severity.SEV2, at(4), RESOLVER, POLICIES).effects()).isEmpty();
        assertThat(run.resolve(at(5)).effects()).isEmpty();
    }

    @Test
    void shouldPageNobodyTwiceForRedeliveredEventsAndTimers() {
        EscalationRun run = start(Severity.SEV3).run();
        Transition first = run.slaAlert(SlaClockKind.FIRST_RESPONSE, SlaAlert.WARNING, at(10), RESOLVER, POLICIES);
        assertThat(pages(first)).hasSize(1);

        Transition redelivered = first.run().slaAlert(SlaClockKind.FIRST_RESPONSE, SlaAlert.WARNING, at(10), RESOLVER,
                POLICIES);
        assertThat(redelivered.effects()).isEmpty();

        Transition climbed = fire(redelivered.run());
        EscalationRun.NextStep consumed = redelivered.run().nextStep().orElseThrow();
        assertThat(climbed.run().onTimer(consumed.kind(), consumed.at(), RESOLVER, POLICIES).effects())
                .as("redelivered timer").isEmpty();
        assertThat(climbed.run().escalate(Tier.L2, "again", at(30), RESOLVER, POLICIES).effects())
                .as("already at L2").isEmpty();
    }

    @Test
    void shouldMoveL1ToL2OnAFirstResponseWarning() {
        EscalationRun run = start(Severity.SEV2).run().acknowledge("ana", at(1)).run();

        Transition moved = run.slaAlert(SlaClockKind.FIRST_RESPONSE, SlaAlert.WARNING, at(12), RESOLVER, POLICIES);

        assertThat(moved.effects()).containsExactly(
                new TierMoved(TICKET, Tier.L1, Tier.L2, Cause.TIER_MOVE, "FIRST_RESPONSE WARNING moves L1 to L2",
                        at(12)),
                new RespondersAnnounced(TICKET, Tier.L2, "core", List.of(DAN), at(12)),
                new PageRequested(TICKET, Tier.L2, 0, 0, Cause.TIER_MOVE, 0, List.of(DAN), at(12)),
                new TimerSet(TICKET, TimerKind.CLIMB, at(27)));
        assertThat(moved.run().status()).isEqualTo(Status.PAGING);
        assertThat(run.slaAlert(SlaClockKind.RESOLUTION, SlaAlert.BREACH, at(12), RESOLVER, POLICIES).effects())
                .as("no rule for that clock, and the ticket is acknowledged").isEmpty();
    }

    @Test
    void shouldPageAtOnceWhenAnIdleTicketIsRaisedToASeverityThatPagesAtOnce() {
        EscalationRun idle = start(Severity.SEV4).run();

        Transition raised = idle.severityChanged(Severity.SEV2, at(8), RESOLVER, POLICIES);

        assertThat(pages(raised)).containsExactly(
                new PageRequested(TICKET, Tier.L1, 0, 0, Cause.SEVERITY_RAISED, 0, List.of(ANA), at(8)));
        assertThat(raised.run().severity()).isEqualTo(Severity.SEV2);
        assertThat(idle.severityChanged(Severity.SEV3, at(8), RESOLVER, POLICIES).effects())
                .as("SEV3 waits for the SLA").isEmpty();
    }

    @Test
    void shouldMoveAnL1TicketRaisedToSev1UpToL2AndPageItThere() {
        EscalationRun idle = start(Severity.SEV3).run();

        Transition raised = idle.severityChanged(Severity.SEV1, at(8), RESOLVER, POLICIES);

        assertThat(raised.effects()).filteredOn(TierMoved.class::isInstance).singleElement()
                .satisfies(move -> {
                    assertThat(((TierMoved) move).from()).isEqualTo(Tier.L1);
                    assertThat(((TierMoved) move).to()).isEqualTo(Tier.L2);
                    assertThat(((TierMoved) move).cause()).isEqualTo(Cause.SEVERITY_RAISED);
                });
        assertThat(pages(raised)).containsExactly(
                new PageRequested(TICKET, Tier.L2, 0, 0, Cause.SEVERITY_RAISED, 0, List.of(DAN), at(8)));
        assertThat(raised.run().tier()).isEqualTo(Tier.L2);
        assertThat(raised.run().severity()).isEqualTo(Severity.SEV1);
        assertThat(raised.run().severityChanged(Severity.SEV1, at(9), RESOLVER, POLICIES).effects())
                .as("told again, nothing changes").isEmpty();
    }

    @Test
    void shouldMoveUpOnAManualEscalationButNeverDown() {
        EscalationRun paging = start(Severity.SEV2).run();

        Transition escalated = paging.escalate(Tier.L3, "needs a code fix", at(3), RESOLVER, POLICIES);

        assertThat(escalated.effects()).containsExactly(
                new TierMoved(TICKET, Tier.L1, Tier.L3, Cause.MANUAL_ESCALATION, "needs a code fix", at(3)),
                new RespondersAnnounced(TICKET, Tier.L3, null, List.of(EVE), at(3)),
                new PageRequested(TICKET, Tier.L3, 0, 0, Cause.MANUAL_ESCALATION, 0, List.of(EVE), at(3)),
                new TimerCancelled(TICKET, TimerKind.CLIMB, at(5)),
                new TimerSet(TICKET, TimerKind.CLIMB, at(23)));
        assertThat(escalated.run().escalate(Tier.L2, "down", at(4), RESOLVER, POLICIES).effects()).isEmpty();
    }

    @Test
    void shouldAnnounceButNotPageAnIdleLowUrgencyTicketEscalatedByHand() {
        Transition escalated = start(Severity.SEV4).run()
                .escalate(Tier.L2, "customer asked", at(3), RESOLVER, POLICIES);

        assertThat(pages(escalated)).isEmpty();
        assertThat(escalated.effects()).contains(new RespondersAnnounced(TICKET, Tier.L2, "core", List.of(DAN), at(3)));
        assertThat(escalated.run().tier()).isEqualTo(Tier.L2);
        assertThat(escalated.run().status()).isEqualTo(Status.IDLE);
    }

    @Test
    void shouldSkipALevelWithNobodyOnCall() {
        EscalationPolicy gap = new EscalationPolicy("gap", "Gap",
                List.of(Level.of(Duration.ofMinutes(5), new ScheduleTarget("empty")),
                        Level.of(Duration.ofMinutes(10), new PersonTarget("ana"))), 0);

        Transition started = EscalationRun.start(TICKET, Tier.L1, gap, Severity.SEV1, T0, RESOLVER, POLICIES);

        assertThat(pages(started)).containsExactly(
                new PageRequested(TICKET, Tier.L1, 1, 0, Cause.CLIMB, 0, List.of(ANA), T0));
        assertThat(started.run().history()).extracting(EscalationRun.Page::responders)
                .containsExactly(List.of(), List.of(ANA));
        assertThat(started.run().nextStep()).contains(new EscalationRun.NextStep(TimerKind.CLIMB, at(10)));
    }

    @Test
    void shouldNeverSetATimerBeforeTheLatestInstantSeen() {
        EscalationRun run = start(Severity.SEV1).run().acknowledge("ana", at(10)).run();

        Transition late = run.updated(at(1));

        assertThat(late.effects()).as("taken as an update at 09:10: the same timeout as the acknowledgement's")
                .isEmpty();
        assertThat(late.run().nextStep()).contains(new EscalationRun.NextStep(TimerKind.ACK_TIMEOUT, at(40)));
        assertThat(late.run().asOf()).isEqualTo(at(10));
    }
}
