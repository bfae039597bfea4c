package io.tierline.escalation.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tierline.platform.commit.CommitSignals;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.PageRequested;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.escalation.domain.TicketEscalation;
import io.tierline.escalation.policy.Effect;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.policy.EscalationRun;
import io.tierline.escalation.policy.TimerKind;
import io.tierline.platform.outbox.Outbox;
import io.tierline.platform.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs tickets' escalations: reads a ticket's run (its row locked), lets the plain-Java {@link EscalationRun} take
 * the step, keeps the new run and carries out its effects in the same transaction: page requests and tier changes to
 * the outbox, the next step to the durable timers. A step that does not apply (a redelivered event, a stale timer)
 * has no effects, so nothing is paged twice.
 */
@ApplicationScoped
public class EscalationRuns {

    /** The durable timer kind of escalation steps; the key is {@code <ticket>/<CLIMB|ACK_TIMEOUT>/<instant>}. */
    public static final String TIMER_KIND = "escalation-step";

    private static final Logger LOG = Logger.getLogger(EscalationRuns.class);

    /** One step of a run, given what it may need. */
    @FunctionalInterface
    public interface Step {
        EscalationRun.Transition take(EscalationRun run, Loaded loaded);
    }

    private final Directory directory;
    private final Outbox outbox;
    private final Timers timers;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final CommitSignals signals;

    EscalationRuns(Directory directory, Outbox outbox, Timers timers, ObjectMapper json, MeterRegistry registry,
                   CommitSignals signals) {
        this.directory = directory;
        this.outbox = outbox;
        this.timers = timers;
        this.json = json;
        this.registry = registry;
        this.signals = signals;
    }

    /** Everything a step may need, for a ticket whose escalation follows {@code policyId}. */
    public Uni<Loaded> load(String policyId) {
        return Loaded.read(directory, policyId);
    }

    /**
     * The start of a just-routed ticket's escalation under {@code policy}, not carried out yet: the caller announces
     * the responders it names ({@link #announced}) and then {@link #keep}s it.
     */
    public EscalationRun.Transition begin(TicketEscalation escalation, EscalationPolicy policy, Loaded loaded,
                                          Instant at) {
        return EscalationRun.start(escalation.ticketId, escalation.tier, policy, escalation.severity, at, loaded,
                loaded);
    }

    /** The people a transition announces as the ticket's responders (the last announcement); empty if none. */
    public static Optional<List<Responder>> announced(EscalationRun.Transition transition) {
        return transition.effects().stream()
                .filter(Effect.RespondersAnnounced.class::isInstance)
                .map(e -> ((Effect.RespondersAnnounced) e).responders())
                .reduce((first, second) -> second);
    }

    /**
     * Takes a step of the ticket's escalation, if it has one: {@code false} when the ticket has none (never routed
     * here, or routed without a policy).
     */
    public Uni<Boolean> step(UUID ticketId, Step step) {
        return step(ticketId, step, this::load);
    }

    /**
     * Takes a step that resolves no target and moves no tier (an acknowledgement, an update, the resolution): only
     * the run's policy is read, not every tier's team, policy and schedule.
     */
    public Uni<Boolean> stepWithinPolicy(UUID ticketId, Step step) {
        return step(ticketId, step, policyId -> Loaded.policyOnly(directory, policyId));
    }

    private Uni<Boolean> step(UUID ticketId, Step step, java.util.function.Function<String, Uni<Loaded>> loader) {
        return TicketEscalation.<TicketEscalation>findById(ticketId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(escalation -> {
                    if (escalation == null || escalation.run == null) {
                        return Uni.createFrom().item(false);
                    }
                    RunState state = read(escalation.run);
                    return loader.apply(state.policyId()).flatMap(loaded -> {
                        Optional<EscalationPolicy> policy = loaded.policy(state.policyId());
                        if (policy.isEmpty()) {
                            LOG.warnf("Ticket %s: its escalation policy %s is gone; the escalation stops here",
                                    ticketId, state.policyId());
                            return Uni.createFrom().item(false);
                        }
                        EscalationRun.Transition next = step.take(state.restore(policy.get()), loaded);
                        return keep(escalation, next, loaded).replaceWith(true);
                    });
                });
    }

    /** Where the ticket's escalation stands; empty without one. */
    public Optional<RunState> state(TicketEscalation escalation) {
        return escalation.run == null ? Optional.empty() : Optional.of(read(escalation.run));
    }

    /** Keeps the run a transition leads to on the ticket's row and carries out its effects, in order. */
    public Uni<Void> keep(TicketEscalation escalation, EscalationRun.Transition transition, Loaded loaded) {
        EscalationRun run = transition.run();
        escalation.run = write(RunState.of(run));
        escalation.policyId = run.policyId();
        Uni<Void> chain = Uni.createFrom().voidItem();
        List<Effect> effects = transition.effects();
        for (int i = 0; i < effects.size(); i++) {
            Effect effect = effects.get(i);
            List<Effect> after = effects.subList(i + 1, effects.size());
            chain = chain.call(() -> carryOut(escalation, effect, after, run, loaded));
        }
        return chain;
    }

    private Uni<Void> carryOut(TicketEscalation escalation, Effect effect, List<Effect> after, EscalationRun run,
                               Loaded loaded) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (effect instanceof Effect.PageRequested page) {
            int level = page.level() + 1;
            String key = page.tier() + "/r" + page.repeat() + "/l" + level + "/" + page.cause() + "/" + page.occurrence();
            count(Counter.builder("tierline.escalations.pages")
                    .description("Pages escalation-service requested, by tier and cause")
                    .tag("tier", page.tier().name()).tag("cause", page.cause().name()));
            return outbox.emit(new PageRequested(escalation.ticketId, page.tier(), escalation.team, run.policyId(),
                    run.severity(), level, page.repeat(), page.cause().name(), key, page.responders(), reason(page, run),
                    micros(page.at()))).replaceWithVoid();
        }
        if (effect instanceof Effect.RespondersAnnounced announced) {
            escalation.responders = announced.responders();
            escalation.updatedAt = now;
            return Uni.createFrom().voidItem();
        }
        if (effect instanceof Effect.TierMoved moved) {
            Tier from = escalation.tier;
            escalation.tier = moved.to();
            escalation.team = loaded.teamOf(moved.to()).map(TeamRef::id).orElse(escalation.team);
            // the people the move announces come right after it
            List<Responder> responders = after.stream()
                    .filter(Effect.RespondersAnnounced.class::isInstance)
                    .map(e -> ((Effect.RespondersAnnounced) e).responders())
                    .findFirst().orElse(escalation.responders);
            escalation.responders = responders;
            escalation.updatedAt = now;
            count(Counter.builder("tierline.escalations.tier-moves")
                    .description("Tickets moved up a tier by their escalation")
                    .tag("to", moved.to().name()).tag("cause", moved.cause().name()));
            return outbox.emit(new TicketTierChanged(escalation.ticketId, from, moved.to(), escalation.team,
                    moved.reason(), null, responders, micros(moved.at()))).replaceWithVoid();
        }
        if (effect instanceof Effect.TimerSet set) {
            return timers.schedule(TIMER_KIND, timerKey(set.ticketId(), set.kind(), set.at()), set.at(), null);
        }
        if (effect instanceof Effect.TimerCancelled cancelled) {
            return timers.cancel(TIMER_KIND, timerKey(cancelled.ticketId(), cancelled.kind(), cancelled.at()))
                    .replaceWithVoid();
        }
        if (effect instanceof Effect.Exhausted exhausted) {
            LOG.warnf("Ticket %s: every level of every tier up to %s was paged and nobody acknowledged",
                    exhausted.ticketId(), exhausted.tier());
            count(Counter.builder("tierline.escalations.exhausted")
                    .description("Escalations that paged every level of every tier without an acknowledgement"));
        }
        return Uni.createFrom().voidItem();
    }

    /** Counted once the transaction commits: a rolled-back or retried attempt counts nothing. */
    private void count(Counter.Builder counter) {
        signals.afterCommit(() -> counter.register(registry).increment());
    }

    private static String reason(Effect.PageRequested page, EscalationRun run) {
        return switch (page.cause()) {
            case SEV_AT_ONCE -> run.severity() + " pages at once";
            case SLA_ALERT -> "an SLA clock alerted";
            case CLIMB -> "nobody acknowledged level " + page.level() + " in time";
            case REPEAT -> "nobody acknowledged any level: the policy starts over";
            case TIER_MOVE -> "the ticket moved to " + page.tier();
            case SEVERITY_RAISED -> "the severity was raised to " + run.severity();
            case MANUAL_ESCALATION -> "the ticket was escalated to " + page.tier();
            case ACK_TIMEOUT -> "acknowledged, but neither updated nor resolved in time";
        };
    }

    public static String timerKey(UUID ticketId, TimerKind kind, Instant at) {
        return ticketId + "/" + kind + "/" + at;
    }

    /** The ticket, kind and instant a timer key names. */
    public static Optional<TimerStep> timerStep(String key) {
        String[] parts = key.split("/", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TimerStep(UUID.fromString(parts[0]), TimerKind.valueOf(parts[1]),
                    Instant.parse(parts[2])));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public record TimerStep(UUID ticketId, TimerKind kind, Instant at) {
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    private RunState read(String text) {
        try {
            return json.readValue(text, RunState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an escalation run that cannot be read: " + e.getMessage(), e);
        }
    }

    private String write(RunState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

}
