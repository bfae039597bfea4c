package io.tierline.platform.timer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.commit.CommitSignals;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Schedules and cancels durable timers. Call inside the transaction of the change that needs the deadline; a timer
 * survives restarts and fires once even with several instances running (see {@link TimerPoller}).
 */
@ApplicationScoped
public class Timers {

    private final Clock clock;
    private final CommitSignals signals;

    Timers(Clock clock, CommitSignals signals) {
        this.clock = clock;
        this.signals = signals;
    }

    /**
     * Schedules the timer (kind, key) at {@code dueAt}, replacing its due time and payload if it exists. A handler
     * may re-schedule the very timer it is firing (a retry): the new due time stands.
     */
    public Uni<Void> schedule(String kind, String key, Instant dueAt, String payload) {
        signals.written(CommitSignals.Work.TIMERS);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into timer (id, kind, timer_key, due_at, scheduled_for, payload, attempts, created_at)
                        values (:id, :kind, :key, :dueAt, :dueAt, :payload, 0, :now)
                        on conflict (kind, timer_key)
                        do update set due_at = excluded.due_at, scheduled_for = excluded.scheduled_for,
                                      payload = excluded.payload, attempts = 0, last_error = null""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("kind", kind)
                .setParameter("key", key)
                .setParameter("dueAt", dueAt)
                .setParameter("payload", payload)
                .setParameter("now", clock.instant())
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Runs a data-changing statement that returns a column {@code timer_key} (an {@code insert ... returning}) and
     * schedules a timer of this kind at {@code dueAt} for each key it returns, in the same statement, one round trip
     * however many rows. Existing timers with those keys are left as they are. Answers how many were scheduled.
     * <p>
     * It runs as a statement, not as a query whose rows come back: Hibernate caches a native select's plan under its
     * result mapping, which is a new object on every call, so reading the keys back added a plan to its cache per call.
     *
     * @param returningKeys the statement, with named parameters
     * @param parameters    its parameters' values
     */
    public Uni<Integer> scheduleForEach(String returningKeys, Map<String, Object> parameters, String kind,
                                        Instant dueAt) {
        signals.written(CommitSignals.Work.TIMERS);
        return Panache.getSession().flatMap(session -> {
            var statement = session.createNativeQuery("with due as (" + returningKeys + """
                    )
                    insert into timer (id, kind, timer_key, due_at, scheduled_for, payload, attempts, created_at)
                    select gen_random_uuid(), :timerKind, due.timer_key, :timerDueAt, :timerDueAt, null, 0, :timerNow
                    from due
                    on conflict (kind, timer_key) do nothing""")
                    .setParameter("timerKind", kind)
                    .setParameter("timerDueAt", dueAt)
                    .setParameter("timerNow", clock.instant());
            parameters.forEach(statement::setParameter);
            return statement.executeUpdate();
        });
    }

    /** Cancels the timer (kind, key) if it is still pending; returns whether one was cancelled. */
    public Uni<Boolean> cancel(String kind, String key) {
        return DurableTimer.delete("kind = ?1 and key = ?2", kind, key).map(deleted -> deleted > 0);
    }
}
