package io.tierline.escalation.policy;

import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.policy.Effect.PageRequested;
import io.tierline.escalation.policy.Effect.TimerCancelled;
import io.tierline.escalation.policy.Effect.TimerSet;
import io.tierline.escalation.policy.EscalationRun.NextStep;
import io.tierline.escalation.policy.EscalationRun.Status;
import io.tierline.escalation.policy.EscalationRun.Transition;
import io.tierline.escalation.policy.Target.PersonTarget;
import io.tierline.escalation.policy.Target.ScheduleTarget;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The laws of an escalation run, for random policies and random sequences of events and timer firings (including
 * stale timers and redelivered events): nobody is paged twice for the same key, an acknowledged or resolved run
 * never climbs, time never runs backwards, the position stays within the policy, and an unacknowledged run always
 * ends exhausted within a bounded number of climbs.
 */
class EscalationRunProperties {

    private static final UUID TICKET = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final List<String> PEOPLE = List.of("p0", "p1", "p2", "p3", "p4");

    /** People are themselves; s0 rotates hourly (two people, one, nobody), s1 is steady, s2 is always empty. */
    private static final TargetResolver RESOLVER = (target, at) -> {
        if (target instanceof PersonTarget person) {
            return List.of(responder(person.personId()));
        }
        String schedule = ((ScheduleTarget) target).scheduleId();
        long hour = Math.floorDiv(Duration.between(T0, at).toMinutes(), 60);
        return switch (schedule) {
            case "s0" -> switch ((int) Math.floorMod(hour, 3)) {
                case 0 -> List.of(responder("p0"), responder("p1"));
                case 1 -> List.of(responder("p2"));
                default -> List.of();
            };
            case "s1" -> List.of(responder("p3"), responder("p0"));
            default -> List.of();
        };
    };

    /** A random policy per tier; L1 always has one, L2 and L3 may not. */
    record Policies(EscalationPolicy l1, Optional<EscalationPolicy> l2, Optional<EscalationPolicy> l3)
            implements PolicyLookup {
        @Override
        public Optional<EscalationPolicy> forTier(Tier tier) {
            return switch (tier) {
                case L1 -> Optional.of(l1);
                case L2 -> l2;
                case L3 -> l3;
            };
        }
    }

    sealed interface Event {
    }

    record Pass(int minutes) implements Event {
    }

    record FireNext() implements Event {
    }

    record FireStale(int index) implements Event {
    }

    record Ack(String by) implements Event {
    }

    record Resolve() implements Event {
    }

    record Update() implements Event {
    }

    record SeverityChange(Severity severity) implements Event {
    }

    record Sla(SlaClockKind clock, SlaAlert alert) implements Event {
    }

    record Escalate(Tier tier) implements Event {
    }

    /** Delivers the previous event again, exactly as before. */
    record Redeliver() implements Event {
    }

    @Property(tries = 300)
    void shouldKeepItsLawsWhateverHappens(@ForAll("policies") Policies policies, @ForAll Severity severity,
                                          @ForAll("events") List<Event> events) {
        Simulation sim = new Simulation(policies, severity);
        Function<EscalationRun, Transition> last = null;
        for (Event event : events) {
            if (event instanceof Pass pass) {
                sim.now = sim.now.plus(Duration.ofMinutes(pass.minutes()));
                continue;
            }
            Function<EscalationRun, Transition> step = sim.stepFor(event, last);
            if (step == null) {
                continue;
            }
            Transition transition = sim.apply(step);
            if (event instanceof Redeliver) {
                assertThat(transition.effects()).as("a redelivered event or timer changes nothing").isEmpty();
            } else {
                last = step;
            }
        }
    }

    @Property(tries = 200)
    void shouldEndExhaustedWithinBoundedClimbsWhenNobodyAcknowledges(
            @ForAll("policies") Policies policies, @ForAll("noise") List<Event> noise) {
        Simulation sim = new Simulation(policies, Severity.SEV1);
        if (sim.run.status() == Status.IDLE) {
            sim.apply(run -> run.slaAlert(SlaClockKind.FIRST_RESPONSE, SlaAlert.BREACH, sim.now, RESOLVER, policies));
        }
        int climbs = 0;
        int bound = 0;
        int mostLevels = 0;
        int mostRepeats = 0;
        for (Tier tier : Tier.values()) {
            Optional<EscalationPolicy> policy = policies.forTier(tier);
            if (policy.isPresent()) {
                bound += policy.get().levels().size() * (policy.get().repeats() + 1);
                mostLevels = Math.max(mostLevels, policy.get().levels().size());
                mostRepeats = Math.max(mostRepeats, policy.get().repeats());
            }
        }
        for (int i = 0; sim.run.nextStep().isPresent(); i++) {
            assertThat(climbs).as("climbs").isLessThanOrEqualTo(bound);
            if (i < noise.size() && !(noise.get(i) instanceof Pass)) {
                sim.apply(sim.stepFor(noise.get(i), null));
                if (sim.run.nextStep().isEmpty()) {
                    break; // the noise exhausted the run (an SLA move to a tier with nobody on call)
                }
            }
            assertThat(sim.run.nextStep().orElseThrow().kind()).isEqualTo(TimerKind.CLIMB);
            sim.apply(sim.stepFor(new FireNext(), null));
            climbs++;
        }
        Tier highest = policies.l3().isPresent() ? Tier.L3 : policies.l2().isPresent() ? Tier.L2 : Tier.L1;
        assertThat(sim.run.status()).isEqualTo(Status.EXHAUSTED);
        assertThat(sim.run.tier()).isEqualTo(highest);
        assertThat(climbs).isLessThanOrEqualTo(bound).isLessThanOrEqualTo(mostLevels * (mostRepeats + 1) * 3);
    }

    /** Feeds a run one transition at a time, checking the laws after each. */
    private static final class Simulation {
        private final Policies policies;
        private final Set<PageKey> pagedKeys = new HashSet<>();
        private final List<NextStep> timersSeen = new ArrayList<>();
        private final Set<NextStep> pending = new HashSet<>();
        private EscalationRun run;
        private Instant now = T0;

        Simulation(Policies policies, Severity severity) {
            this.policies = policies;
            Transition started = EscalationRun.start(TICKET, Tier.L1, policies.l1(), severity, T0, RESOLVER,
                    policies);
            check(null, started);
        }

        Function<EscalationRun, Transition> stepFor(Event event, Function<EscalationRun, Transition> last) {
            Instant at = now;
            if (event instanceof FireNext) {
                Optional<NextStep> next = run.nextStep();
                if (next.isEmpty()) {
                    return null;
                }
                if (next.get().at().isAfter(now)) {
                    now = next.get().at();
                }
                return r -> r.onTimer(next.get().kind(), next.get().at(), RESOLVER, policies);
            }
            if (event instanceof FireStale stale) {
                if (timersSeen.isEmpty()) {
                    return null;
                }
                NextStep timer = timersSeen.get(stale.index() % timersSeen.size());
                return r -> r.onTimer(timer.kind(), timer.at(), RESOLVER, policies);
            }
            if (event instanceof Ack ack) {
                return r -> r.acknowledge(ack.by(), at);
            }
            if (event instanceof Resolve) {
                return r -> r.resolve(at);
            }
            if (event instanceof Update) {
                return r -> r.updated(at);
            }
            if (event instanceof SeverityChange change) {
                return r -> r.severityChanged(change.severity(), at, RESOLVER, policies);
            }
            if (event instanceof Sla sla) {
                return r -> r.slaAlert(sla.clock(), sla.alert(), at, RESOLVER, policies);
            }
            if (event instanceof Escalate escalate) {
                return r -> r.escalate(escalate.tier(), "asked", at, RESOLVER, policies);
            }
            if (event instanceof Redeliver) {
                return last;
            }
            throw new IllegalArgumentException("Unknown event " + event);
        }

        Transition apply(Function<EscalationRun, Transition> step) {
            Transition transition = step.apply(run);
            check(run, transition);
            return transition;
        }

        private void check(EscalationRun before, Transition transition) {
            EscalationRun after = transition.run();
            for (Effect effect : transition.effects()) {
                if (effect instanceof PageRequested page) {
                    assertThat(page.responders()).isNotEmpty();
                    for (PageKey key : page.keys()) {
                        // (1) no (person, cause, tier, level, repeat, occurrence) is paged twice
                        assertThat(pagedKeys.add(key)).as("paged twice: %s", key).isTrue();
                    }
                } else if (effect instanceof TimerSet set) {
                    // (3) no timer is ever set before the instant of the transition that sets it (a pending timer
                    // may fall due while other events arrive: it fires late, at the run's latest instant)
                    assertThat(set.at()).isAfterOrEqualTo(after.asOf());
                    NextStep timer = new NextStep(set.kind(), set.at());
                    pending.add(timer);
                    timersSeen.add(timer);
                } else if (effect instanceof TimerCancelled cancelled) {
                    assertThat(pending.remove(new NextStep(cancelled.kind(), cancelled.at()))).isTrue();
                }
            }
            if (before != null) {
                // (3) the run's time never goes backwards
                assertThat(after.asOf()).isAfterOrEqualTo(before.asOf());
                before.nextStep().ifPresent(fired -> {
                    if (!after.nextStep().equals(before.nextStep())) {
                        pending.remove(fired); // fired, or cancelled above
                    }
                });
            }
            assertThat(after.paged()).containsAll(pagedKeys).hasSameSizeAs(pagedKeys);
            // the effects told the caller exactly which timer is pending
            assertThat(pending).containsExactlyInAnyOrderElementsOf(after.nextStep().stream().toList());
            // (2) an acknowledged or resolved run (or one not paging) does not climb
            boolean climbing = after.nextStep().map(n -> n.kind() == TimerKind.CLIMB).orElse(false);
            assertThat(climbing).as("status %s with %s", after.status(), after.nextStep())
                    .isEqualTo(after.status() == Status.PAGING);
            if (after.status() == Status.RESOLVED) {
                assertThat(after.nextStep()).isEmpty();
            }
            // (4) the position is always within the policy
            assertThat(after.level()).isBetween(0, after.policy().levels().size() - 1);
            assertThat(after.repeat()).isBetween(0, after.policy().repeats());
            assertThat(after.policy()).isEqualTo(policies.forTier(after.tier()).orElseThrow());
            if (before != null) {
                assertThat(after.tier()).isGreaterThanOrEqualTo(before.tier());
            }
            run = after;
        }
    }

    private static Responder responder(String id) {
        return new Responder(id, id.toUpperCase());
    }

    @Provide
    Arbitrary<Policies> policies() {
        return Combinators.combine(policy("l1", Tier.L1), policy("l2", Tier.L2).optional(0.7),
                policy("l3", Tier.L3).optional(0.7)).as(Policies::new);
    }

    private static Arbitrary<EscalationPolicy> policy(String id, Tier tier) {
        Arbitrary<Target> target = Arbitraries.oneOf(
                Arbitraries.of(PEOPLE).map(PersonTarget::new),
                Arbitraries.of("s0", "s1", "s2").map(ScheduleTarget::new));
        Arbitrary<Level> level = Combinators.combine(target.list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.integers().between(1, 90)).as((targets, minutes) ->
                new Level(targets, Duration.ofMinutes(minutes)));
        Arbitrary<Map<Severity, Urgency>> urgency = Arbitraries.maps(Arbitraries.of(Severity.class),
                Arbitraries.of(Urgency.class)).ofMaxSize(2);
        Arbitrary<Map<Severity, Duration>> ackTimeouts = Arbitraries.maps(Arbitraries.of(Severity.class),
                Arbitraries.integers().between(1, 60).map(Duration::ofMinutes)).ofMaxSize(4);
        Arbitrary<List<TierMoveRule>> tierMoves = tier == Tier.L3 ? Arbitraries.just(List.of())
                : Combinators.combine(Arbitraries.of(SlaClockKind.class), Arbitraries.of(SlaAlert.class),
                        Arbitraries.of(Tier.values()).filter(to -> to.compareTo(tier) > 0))
                .as((clock, alert, to) -> new TierMoveRule(clock, alert, tier, to)).list().ofMaxSize(2);
        return Combinators.combine(level.list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(0, 2),
                        urgency, ackTimeouts, tierMoves)
                .as((levels, repeats, urgencies, timeouts, moves) ->
                        new EscalationPolicy(id, id, levels, repeats, urgencies, timeouts, moves));
    }

    @Provide
    Arbitrary<List<Event>> events() {
        return event(true).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Event>> noise() {
        return event(false).list().ofMaxSize(30);
    }

    /** Events of every kind; without {@code withAcks}, none that acknowledges or resolves. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<Event> event(boolean withAcks) {
        Arbitrary<Event> pass = Arbitraries.integers().between(0, 120).map(Pass::new);
        Arbitrary<Event> fireNext = Arbitraries.just(new FireNext());
        Arbitrary<Event> fireStale = Arbitraries.integers().between(0, 1000).map(FireStale::new);
        Arbitrary<Event> ack = Arbitraries.of(PEOPLE).map(Ack::new);
        Arbitrary<Event> resolve = Arbitraries.just(new Resolve());
        Arbitrary<Event> update = Arbitraries.just(new Update());
        Arbitrary<Event> severity = Arbitraries.of(Severity.class).map(SeverityChange::new);
        Arbitrary<Event> sla = Combinators.combine(Arbitraries.of(SlaClockKind.class), Arbitraries.of(SlaAlert.class))
                .as(Sla::new);
        Arbitrary<Event> escalate = Arbitraries.of(Tier.class).map(Escalate::new);
        Arbitrary<Event> redeliver = Arbitraries.just(new Redeliver());
        if (!withAcks) {
            return Arbitraries.frequencyOf(
                    Tuple.of(2, update), Tuple.of(2, severity),
                    Tuple.of(2, sla), Tuple.of(1, escalate),
                    Tuple.of(2, fireStale), Tuple.of(4, pass));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, pass), Tuple.of(6, fireNext),
                Tuple.of(2, fireStale), Tuple.of(3, ack),
                Tuple.of(1, resolve), Tuple.of(2, update),
                Tuple.of(2, severity), Tuple.of(2, sla),
                Tuple.of(1, escalate), Tuple.of(3, redeliver));
    }
}
