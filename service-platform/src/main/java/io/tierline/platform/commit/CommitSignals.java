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
 */
@ApplicationScoped
public class CommitSignals {

    /** What a transaction wrote that someone waits for. */
    public enum Work {
        OUTBOX, TIMERS;

        private final String key = "tierline.commit." + name().toLowerCase(java.util.Locale.ROOT);
    }

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
     * Called on the transaction's context once it has committed: wakes whoever waits for what it wrote. Harmless
     * after a rollback (a waiter wakes and finds nothing) or when nothing was written.
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
    }

    private List<Runnable> wakers(Work work) {
        return work == Work.OUTBOX ? outboxWakers : timerWakers;
    }
}
