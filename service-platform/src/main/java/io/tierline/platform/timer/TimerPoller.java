package io.tierline.platform.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.commit.CommitSignals;
import io.tierline.platform.config.PlatformConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.hibernate.LockMode;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fires due timers. A few worker threads per instance sleep until the earliest due time (or the poll interval, or a
 * wake-up from {@link CommitSignals} when this instance committed a timer), then claim due timers in batches with
 * {@code FOR UPDATE SKIP LOCKED} and run their handlers in the one transaction that deletes them, so a storm of due
 * timers costs a commit per batch, not per timer. A batch that fails is rolled back and its timers fired one at a
 * time, so one failing timer holds back only itself. Two instances never fire the same timer, and a timer that came
 * due while every instance was down fires at the next start, marked late. A handler that fails keeps its timer,
 * retried with a growing backoff. Lateness is counted, and handlers' after-commit work started, once committed.
 */
@ApplicationScoped
public class TimerPoller {

    private static final Logger LOG = Logger.getLogger(TimerPoller.class);
    private static final long MIN_WAIT_MILLIS = 50;

    private final Map<String, TimerHandler> handlers;
    private final Pool pool;
    private final CommitSignals signals;
    private final PlatformConfig.Timers config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Object wakeUp = new Object();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private boolean woken;

    TimerPoller(Instance<TimerHandler> handlers, Pool pool, CommitSignals signals,
                PlatformConfig config, Clock clock, MeterRegistry registry) {
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
        this.pool = pool;
        this.signals = signals;
        this.config = config.timers();
        this.clock = clock;
        this.registry = registry;
        signals.onCommitted(CommitSignals.Work.TIMERS, this::wakeOneWorker);
    }

    void start(@Observes StartupEvent event) {
        if (handlers.isEmpty()) {
            return;
        }
        running = true;
        for (int i = 0; i < config.concurrency(); i++) {
            workers.add(daemon(this::work, "timer-worker-" + i));
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread thread : workers) {
            thread.join(5000);
        }
    }

    public boolean healthy() {
        return handlers.isEmpty() || (!workers.isEmpty() && workers.stream().allMatch(Thread::isAlive));
    }

    /**
     * Each worker fires due timers until none is left, then sleeps until the next due time, the poll interval or a
     * wake-up. Several workers let a slow handler hold up only itself.
     */
    private void work() {
        while (running) {
            try {
                while (running && fireDue() > 0) {
                    wakeOneWorker(); // more may be due: let an idle worker share them
                }
                long wait = millisUntilNextDue();
                synchronized (wakeUp) {
                    if (running && !woken) {
                        wakeUp.wait(wait);
                    }
                    woken = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Timer worker round failed, retrying: %s", e.toString());
                pause(Math.min(config.pollInterval().toMillis(), 1000));
            }
        }
    }

    /** One worker at a time: it wakes the next only when it found work, so idle wake-ups stay cheap. */
    private void wakeOneWorker() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notify();
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Claims and fires due timers, one batch; false when none was due. Safe to call from any non-event-loop thread,
     * any number of times at once: concurrent callers (like several instances) never fire the same timer.
     */
    public boolean fireNext() {
        return fireDue() > 0;
    }

    /** Fires a batch of due timers in one transaction, or one by one when the batch fails; returns how many fired. */
    int fireDue() {
        Instant now = clock.instant();
        List<UUID> claimed = new ArrayList<>();
        try {
            return committed(inTransaction(now, config.batchSize(), claimed));
        } catch (Throwable failure) {
            if (!running && !workers.isEmpty()) {
                return 0;
            }
            if (claimed.size() <= 1) {
                return recordFailure(claimed.isEmpty() ? null : claimed.get(0), now, failure) ? 1 : 0;
            }
            LOG.debugf("A batch of %d timers failed (%s); firing them one by one", claimed.size(), failure.toString());
            int fired = 0;
            for (int i = 0; i < claimed.size() && running; i++) {
                List<UUID> one = new ArrayList<>(1);
                try {
                    if (committed(inTransaction(now, 1, one)) == 0) {
                        break;
                    }
                    fired++;
                } catch (Throwable single) {
                    if (!recordFailure(one.isEmpty() ? null : one.get(0), now, single)) {
                        break;
                    }
                    fired++;
                }
            }
            return fired;
        }
    }

    private List<Claimed> inTransaction(Instant now, int limit, List<UUID> claimed) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> claim(now, limit)
                                .invoke(timers -> timers.forEach(timer -> claimed.add(timer.id)))
                                .flatMap(timers -> fireAll(timers, now)))
                        .invoke(signals::committed)
                        .ifNoItem().after(config.handlerTimeout()).fail());
    }

    /** After the commit: lateness counted, handlers' after-commit work started. */
    private int committed(List<Claimed> claimed) {
        for (Claimed one : claimed) {
            FiredTimer fired = one.timer();
            registry.timer("tierline.timers.lateness", "kind", fired.kind())
                    .record(fired.lateness().isNegative() ? Duration.ZERO : fired.lateness());
            if (one.handler() != null) {
                try {
                    one.handler().committed(fired);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Timer %s/%s: its after-commit work failed", fired.kind(), fired.key());
                }
            }
        }
        return claimed.size();
    }

    /** Fires the claimed timers one after another on the transaction's session. */
    private Uni<List<Claimed>> fireAll(List<DurableTimer> timers, Instant now) {
        List<Claimed> fired = new ArrayList<>(timers.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DurableTimer timer : timers) {
            chain = chain.flatMap(ignored -> fire(timer, now)).invoke(fired::add).replaceWithVoid();
        }
        return chain.replaceWith(fired);
    }

    /**
     * Deletes the fired timer unless its handler moved it (re-scheduling the same kind and key from inside the
     * handler, e.g. a retry): then the new due time stands.
     */
    private static Uni<Integer> consume(DurableTimer timer) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "delete from timer where id = :id and due_at = :dueAt")
                .setParameter("id", timer.id)
                .setParameter("dueAt", timer.dueAt)
                .executeUpdate());
    }

    /**
     * The due timers, earliest first, locked, skipping those another worker holds. A query of the entity, not native
     * SQL: Hibernate caches its plan once, where a native query mapped to an entity added a plan per call.
     */
    private Uni<List<DurableTimer>> claim(Instant now, int limit) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "from DurableTimer t where t.dueAt <= :now order by t.dueAt", DurableTimer.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .setLockMode("t", LockMode.UPGRADE_SKIPLOCKED)
                .getResultList());
    }

    private Uni<Claimed> fire(DurableTimer timer, Instant now) {
        TimerHandler handler = handlers.get(timer.kind);
        if (handler == null) {
            LOG.errorf("No handler for timer kind %s (key %s); deleting it", timer.kind, timer.key);
            return consume(timer).replaceWith(new Claimed(null, new FiredTimer(timer.kind, timer.key,
                    timer.scheduledFor, timer.payload, now, false)));
        }
        boolean late = Duration.between(timer.scheduledFor, now).compareTo(config.lateAfter()) > 0;
        FiredTimer fired = new FiredTimer(timer.kind, timer.key, timer.scheduledFor, timer.payload, now, late);
        return handler.fire(fired)
                .call(() -> consume(timer))
                .replaceWith(new Claimed(handler, fired));
    }

    /** Pushes the failed timer back with a backoff so other due timers keep firing. */
    private boolean recordFailure(UUID failed, Instant now, Throwable failure) {
        if (failure instanceof jakarta.persistence.OptimisticLockException
                || failure.getCause() instanceof jakarta.persistence.OptimisticLockException) {
            // another transaction changed the same state first (e.g. a reply racing a deadline); retry re-reads it
            LOG.infof("Timer %s lost a race and will be retried: %s", failed, failure.getMessage());
        } else {
            LOG.errorf(failure, "Timer %s failed and will be retried", failed);
        }
        if (failed == null) {
            return false;
        }
        try {
            pool.preparedQuery("""
                            update timer set attempts = attempts + 1, last_error = $1,
                                   due_at = cast($2 as timestamptz)
                                            + least($3, $4 * power(2, attempts)) * interval '1 millisecond'
                            where id = $5""")
                    .execute(Tuple.of(String.valueOf(failure), OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                            (double) config.maxRetryBackoff().toMillis(), (double) config.retryBackoff().toMillis(),
                            failed))
                    .await().atMost(config.handlerTimeout());
            registry.counter("tierline.timers.failures").increment();
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Could not record timer failure: %s", e.toString());
            return false;
        }
    }

    private long millisUntilNextDue() {
        long poll = config.pollInterval().toMillis();
        OffsetDateTime next = pool.query("select min(due_at) from timer").execute()
                .await().atMost(config.handlerTimeout())
                .iterator().next().getOffsetDateTime(0);
        if (next == null) {
            return poll;
        }
        long until = next.toInstant().toEpochMilli() - clock.instant().toEpochMilli();
        // never spin: a due timer may be held by another instance (skipped), or be retried after a backoff
        return Math.max(MIN_WAIT_MILLIS, Math.min(poll, until));
    }

    private record Claimed(TimerHandler handler, FiredTimer timer) {
    }
}
