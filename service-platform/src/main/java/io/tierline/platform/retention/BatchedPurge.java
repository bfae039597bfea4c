package io.tierline.platform.retention;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a table to a window: deletes the rows older than a retention once a minute, in batches, so one run never
 * holds a long transaction; with several instances each deletes what it finds. Used for the tables that would
 * otherwise grow forever (applied event ids, idempotency keys).
 */
public final class BatchedPurge {

    private static final Logger LOG = Logger.getLogger(BatchedPurge.class);
    private static final int BATCH = 10_000;
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(1);

    private final Pool pool;
    private final String what;
    private final String delete;
    private final Duration retention;
    private ScheduledExecutorService executor;

    /**
     * @param what       the rows, for the thread name and the log ("processed-event ids")
     * @param table      the table, {@code key} a column that identifies a row, {@code time} the column it ages by
     */
    public BatchedPurge(Pool pool, String what, String table, String key, String time,
                        Duration retention) {
        this(pool, what, table, key, time, "true", retention);
    }

    /** @param condition an SQL condition that limits the rows purged to some of the table's (a state, say) */
    public BatchedPurge(Pool pool, String what, String table, String key, String time,
                        String condition, Duration retention) {
        this.pool = pool;
        this.what = what;
        this.retention = retention;
        this.delete = "delete from " + table + " where " + key + " in (select " + key + " from " + table
                + " where " + time + " < now() - make_interval(secs => $1) and (" + condition + ") limit $2)";
    }

    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tierline-purge-" + what.replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::purgeQuietly, INTERVAL.toSeconds(), INTERVAL.toSeconds(),
                TimeUnit.SECONDS);
    }

    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("Could not delete old %s, retrying in %s: %s", what, INTERVAL, e.toString());
        }
    }

    /** Deletes every row older than the retention; returns how many. Blocks: call it off the event loop. */
    public long purge() {
        long deleted = 0;
        int batch;
        do {
            batch = pool.preparedQuery(delete)
                    .execute(Tuple.of(retention.toMillis() / 1000.0, BATCH))
                    .await().atMost(STATEMENT_TIMEOUT)
                    .rowCount();
            deleted += batch;
        } while (batch == BATCH);
        return deleted;
    }
}
