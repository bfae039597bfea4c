package io.tierline.platform.commit;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wakes this instance's outbox relay and timer workers right after a transaction that gave them work has committed,
 * in-process. The database is not asked to do it: a NOTIFY at commit takes a database-wide lock that serializes
 * every committing transaction that notified (measured here: 4x fewer commits per second, see bench/RESULTS.md).
 *
 * <p>A write to the outbox or the timer table marks the transaction's Vert.x context; where the transaction ends
 * (a REST answer, a consumed record, a fired timer) {@link #committed} wakes whoever the marks name. Work written by
 * another instance, or outside such a context, is found by the relay's and the timer workers' short poll.
 *
 * <p>The same end runs what a transaction asked to do only once committed ({@link #afterCommit}), such as counting
 * what it did: a rolled-back or retried attempt counts nothing.
 */
@ApplicationScoped
public class CommitSignals {

    /** What a transaction wrote that someone waits for. */
    public enum Work {
        OUTBOX, TIMERS;

        private final String key = "tierline.commit." + name().toLowerCase(java.util.Locale.ROOT);
    }

    private static final String AFTER_COMMIT = "tierline.commit.after";

    private final List<Runnable> outboxWakers = new CopyOnWriteArrayList<>();
    private final List<Runnable> timerWakers = new CopyOnWriteArrayList<>();

    /** Registers what wakes the waiter for this kind of work. */
    public void onCommitted(Work work, Runnable wake) {
        wakers(work).add(wake);
    }

    /** Marks the current transaction as having written this kind of work; called where the write happens. */
    public void written(Work work) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(work.key, Boolean.TRUE);
        }
        // outside a request's or a record's context there is no end to wait for: the poll finds the work
    }

    /**
     * Runs the action once the current transaction has committed (where {@link #committed} is called), never if it
     * rolls back. Outside a transaction's context it runs at once.
     */
    public void afterCommit(Runnable action) {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            action.run();
            return;
        }
        List<Runnable> actions = context.getLocal(AFTER_COMMIT);
        if (actions == null) {
            actions = new java.util.ArrayList<>();
            context.putLocal(AFTER_COMMIT, actions);
        }
        actions.add(action);
    }

    /**
     * Called on the transaction's context once it has committed: wakes whoever waits for what it wrote and runs
     * its after-commit actions. A wake-up after a rollback is harmless (a waiter wakes and finds nothing).
     */
    public void committed() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return;
        }
        for (Work work : Work.values()) {
            if (context.removeLocal(work.key)) {
                wakers(work).forEach(Runnable::run);
            }
        }
        List<Runnable> actions = context.getLocal(AFTER_COMMIT);
        if (actions != null) {
            context.removeLocal(AFTER_COMMIT);
            actions.forEach(Runnable::run);
        }
    }

    /**
     * Called on the transaction's context when it did not commit, or before an attempt is retried: its after-commit
     * actions are dropped (what it wrote is rolled back, so nobody is woken either).
     */
    public void rolledBack() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.removeLocal(AFTER_COMMIT);
            for (Work work : Work.values()) {
                context.removeLocal(work.key);
            }
        }
    }

    private List<Runnable> wakers(Work work) {
        return work == Work.OUTBOX ? outboxWakers : timerWakers;
    }
}
