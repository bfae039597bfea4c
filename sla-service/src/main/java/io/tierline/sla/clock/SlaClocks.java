package io.tierline.sla.clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.tierline.platform.commit.CommitSignals;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.SlaMet;
import io.tierline.contracts.events.SlaWarning;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.platform.outbox.Outbox;
import io.tierline.platform.timer.FiredTimer;
import io.tierline.platform.timer.Timers;
import io.tierline.sla.calendar.BusinessCalendar;
import io.tierline.sla.policy.SlaPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Starts, stops, warns and breaches SLA clocks. Every method runs inside the caller's transaction (a consumed
 * event or a fired timer), so the clock, its timers and its outbox events change together.
 */
@ApplicationScoped
public class SlaClocks {

    public static final String WARNING_TIMER = "sla-warning";
    public static final String BREACH_TIMER = "sla-breach";

    private final SlaPolicy policy;
    private final Timers timers;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;
    private final CommitSignals signals;

    SlaClocks(SlaPolicy policy, Timers timers, Outbox outbox, Clock clock, MeterRegistry registry,
              CommitSignals signals) {
        this.policy = policy;
        this.timers = timers;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
        this.signals = signals;
    }

    /** Starts the first-response clock at the moment the ticket was opened (not when the event arrived). */
    public Uni<Void> ticketOpened(TicketOpened opened) {
        return find(opened.ticketId(), SlaClockKind.FIRST_RESPONSE).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Duration target = policy.firstResponseTarget(opened.plan(), opened.severity());
            ClockSchedule schedule = ClockSchedule.of(opened.openedAt(), target, policy.warningThresholdPercent(),
                    BusinessCalendar.ALWAYS);
            SlaClock sla = new SlaClock();
            sla.id = UUID.randomUUID();
            sla.ticketId = opened.ticketId();
            sla.kind = SlaClockKind.FIRST_RESPONSE;
            sla.status = ClockStatus.RUNNING;
            sla.plan = opened.plan();
            sla.severity = opened.severity();
            sla.targetMillis = target.toMillis();
            sla.startedAt = schedule.startedAt();
            sla.warningAt = schedule.warningAt();
            sla.dueAt = schedule.dueAt();
            sla.updatedAt = clock.instant();
            String key = sla.timerKey();
            return sla.persist()
                    .call(() -> timers.schedule(WARNING_TIMER, key, sla.warningAt, null))
                    .call(() -> timers.schedule(BREACH_TIMER, key, sla.dueAt, null))
                    .replaceWithVoid();
        });
    }

    /** An agent's public reply stops the first-response clock: no warning or breach follows. */
    public Uni<Void> ticketCommented(TicketCommented commented) {
        if (!commented.isAgentPublicReply()) {
            return Uni.createFrom().voidItem();
        }
        return find(commented.ticketId(), SlaClockKind.FIRST_RESPONSE).flatMap(sla -> {
            if (sla == null || !sla.running()) {
                return Uni.createFrom().voidItem();
            }
            // Timers first, clock second: the same lock order as a firing timer, so the two never deadlock. If a
            // timer fired meanwhile, the stale clock fails its version check and the event is retried.
            return timers.cancel(WARNING_TIMER, sla.timerKey())
                    .call(() -> timers.cancel(BREACH_TIMER, sla.timerKey()))
                    .flatMap(cancelled -> {
                        sla.stop(commented.createdAt());
                        count("tierline.sla.met", "clock", sla.kind.name(), "severity", sla.severity.name());
                        return outbox.emit(new SlaMet(sla.ticketId, sla.kind, sla.dueAt, sla.metAt));
                    })
                    .replaceWithVoid();
        });
    }

    public Uni<Void> warningDue(FiredTimer timer) {
        return byTimerKey(timer.key()).flatMap(sla -> sla != null && sla.warn(timer.firedAt())
                ? announceWarning(sla, timer)
                : Uni.createFrom().voidItem());
    }

    private Uni<Void> announceWarning(SlaClock sla, FiredTimer timer) {
        count("tierline.sla.warnings", "clock", sla.kind.name(), "severity", sla.severity.name());
        return outbox.emit(new SlaWarning(sla.ticketId, sla.kind, policy.warningThresholdPercent(), sla.dueAt,
                timer.firedAt(), timer.late())).replaceWithVoid();
    }

    /**
     * A breach implies the warning threshold passed: if the warning was never announced (both came due while the
     * service was away, or the warning timer lost a race), it is announced first, so every breach follows a warning.
     */
    public Uni<Void> breachDue(FiredTimer timer) {
        return byTimerKey(timer.key()).flatMap(sla -> {
            if (sla == null || !sla.running()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> warning = sla.warn(timer.firedAt()) ? announceWarning(sla, timer) : Uni.createFrom().voidItem();
            sla.breach(timer.firedAt(), timer.late());
            count("tierline.sla.breaches", "clock", sla.kind.name(), "severity", sla.severity.name(),
                    "late", String.valueOf(timer.late()));
            // a pending warning timer finds the clock breached and does nothing
            return warning.call(() -> outbox.emit(new SlaBreached(sla.ticketId, sla.kind, sla.severity, sla.dueAt,
                    sla.breachedAt, timer.firedAt(), timer.late()))).replaceWithVoid();
        });
    }

    @WithSession
    public Uni<List<SlaClock>> of(UUID ticketId) {
        return SlaClock.list("ticketId = ?1 order by kind", ticketId);
    }

    private static Uni<SlaClock> find(UUID ticketId, SlaClockKind kind) {
        return SlaClock.find("ticketId = ?1 and kind = ?2", ticketId, kind).firstResult();
    }

    private static Uni<SlaClock> byTimerKey(String key) {
        int separator = key.lastIndexOf(':');
        return find(UUID.fromString(key.substring(0, separator)), SlaClockKind.valueOf(key.substring(separator + 1)));
    }

    /** Counted once the transaction commits: a rolled-back or retried attempt counts nothing. */
    private void count(String name, String... tags) {
        signals.afterCommit(() -> registry.counter(name, tags).increment());
    }
}
