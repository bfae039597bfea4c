package io.tierline.platform.timer;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.config.SchemaListener;
import io.tierline.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fires due timers. A few worker threads per instance sleep until the earliest due time (or the poll interval, or a
 * notification that a timer was scheduled or moved), then claim due timers one by one with
 * {@code FOR UPDATE SKIP LOCKED} and run their handler in the transaction that deletes them. Two instances never
 * fire the same timer, and a timer that came due while every instance was down fires at the next start, marked
 * late. A handler that fails keeps its timer, retried with a growing backoff.
 */
@ApplicationScoped
public class TimerPoller {

    private static final Logger LOG = Logger.getLogger(TimerPoller.class);
    private static final long MIN_WAIT_MILLIS = 50;

    private final Map<String, TimerHandler> handlers;
    private final AgroalDataSource dataSource;
    private final SchemaListener listener;
    private final PlatformConfig.Timers config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Object wakeUp = new Object();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private boolean woken;
    private Thread listenerThread;

    TimerPoller(Instance<TimerHandler> handlers, AgroalDataSource dataSource, SchemaListener listener,
                PlatformConfig config, Clock clock, MeterRegistry registry) {
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
        this.dataSource = dataSource;
        this.listener = listener;
        this.config = config.timers();
        this.clock = clock;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        if (handlers.isEmpty()) {
            return;
        }
        running = true;
        listenerThread = daemon(this::listen, "timer-listener");
        for (int i = 0; i < config.concurrency(); i++) {
            workers.add(daemon(this::work, "timer-worker-" + i));
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        List<Thread> all = new ArrayList<>(workers);
        if (listenerThread != null) {
            all.add(listenerThread);
        }
        all.forEach(Thread::interrupt);
        for (Thread thread : all) {
            thread.join(5000);
        }
    }

    public boolean healthy() {
        return handlers.isEmpty()
                || (listenerThread != null && listenerThread.isAlive() && workers.stream().allMatch(Thread::isAlive));
    }

    /** Wakes the workers whenever a timer is scheduled or moved (a NOTIFY at commit), and at every poll interval. */
    private void listen() {
        while (running) {
            try (SchemaListener.Listener scheduled = listener.listen("timers")) {
                while (running) {
                    if (scheduled.await(config.pollInterval().toMillis())) {
                        wakeOneWorker();
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Timer listener failed, reconnecting: %s", e.toString());
                SchemaListener.pause(Math.min(config.pollInterval().toMillis(), 1000));
            }
        }
    }

    /**
     * Each worker fires due timers until none is left, then sleeps until the next due time, the poll interval or a
     * wake-up. Several workers let a slow handler (a webhook that times out) hold up only itself.
     */
    private void work() {
        while (running) {
            try {
                while (running && fireNext()) {
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
                SchemaListener.pause(Math.min(config.pollInterval().toMillis(), 1000));
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

    /**
     * Claims and fires one due timer; false when none is due. Safe to call from any non-event-loop thread, any
     * number of times at once: concurrent callers (like several instances) never fire the same timer.
     */
    public boolean fireNext() {
        Instant now = clock.instant();
        AtomicReference<UUID> claimedId = new AtomicReference<>();
        Claimed claimed;
        try {
            claimed = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> claim(now)
                            .invoke(timer -> claimedId.set(timer == null ? null : timer.id))
                            .flatMap(timer -> timer == null ? Uni.createFrom().nullItem() : fire(timer, now)))
                    .ifNoItem().after(config.handlerTimeout()).fail());
        } catch (Throwable failure) {
            if (!running && listenerThread != null) {
                return false;
            }
            return recordFailure(claimedId.get(), now, failure);
        }
        if (claimed == null) {
            return false;
        }
        if (claimed.handler() != null) {
            try {
                claimed.handler().committed(claimed.timer());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Timer %s/%s: its after-commit work failed", claimed.timer().kind(), claimed.timer().key());
            }
        }
        return true;
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

    private Uni<DurableTimer> claim(Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        select * from timer where due_at <= :now order by due_at limit 1 for update skip locked""",
                        DurableTimer.class)
                .setParameter("now", now)
                .getSingleResultOrNull());
    }

    private Uni<Claimed> fire(DurableTimer timer, Instant now) {
        TimerHandler handler = handlers.get(timer.kind);
        if (handler == null) {
            LOG.errorf("No handler for timer kind %s (key %s); deleting it", timer.kind, timer.key);
            return consume(timer).replaceWith(new Claimed(null, null));
        }
        boolean late = Duration.between(timer.scheduledFor, now).compareTo(config.lateAfter()) > 0;
        FiredTimer fired = new FiredTimer(timer.kind, timer.key, timer.scheduledFor, timer.payload, now, late);
        return handler.fire(fired)
                .call(() -> consume(timer))
                .invoke(() -> registry.timer("tierline.timers.lateness", "kind", timer.kind)
                        .record(fired.lateness().isNegative() ? Duration.ZERO : fired.lateness()))
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
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement("""
                     update timer set attempts = attempts + 1, last_error = ?,
                            due_at = cast(? as timestamptz) + least(?, ? * power(2, attempts)) * interval '1 millisecond'
                     where id = ?""")) {
            statement.setString(1, String.valueOf(failure));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setLong(3, config.maxRetryBackoff().toMillis());
            statement.setLong(4, config.retryBackoff().toMillis());
            statement.setObject(5, failed);
            statement.executeUpdate();
            registry.counter("tierline.timers.failures").increment();
            return true;
        } catch (SQLException e) {
            LOG.warnf("Could not record timer failure: %s", e.toString());
            return false;
        }
    }

    private long millisUntilNextDue() throws SQLException {
        long poll = config.pollInterval().toMillis();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select min(due_at) from timer")) {
            rs.next();
            Timestamp next = rs.getTimestamp(1);
            if (next == null) {
                return poll;
            }
            long until = next.toInstant().toEpochMilli() - clock.instant().toEpochMilli();
            // never spin: a due timer may be held by another instance (skipped), or be retried after a backoff
            return Math.max(MIN_WAIT_MILLIS, Math.min(poll, until));
        }
    }

    private record Claimed(TimerHandler handler, FiredTimer timer) {
    }
}
