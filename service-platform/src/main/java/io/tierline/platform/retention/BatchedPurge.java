package io.tierline.platform.retention;

import io.agroal.api.AgroalDataSource;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    private final AgroalDataSource dataSource;
    private final String what;
    private final String delete;
    private final Duration retention;
    private ScheduledExecutorService executor;

    /**
     * @param what       the rows, for the thread name and the log ("processed-event ids")
     * @param table      the table, {@code key} a column that identifies a row, {@code time} the column it ages by
     */
    public BatchedPurge(AgroalDataSource dataSource, String what, String table, String key, String time,
                        Duration retention) {
        this(dataSource, what, table, key, time, "true", retention);
    }

    /** @param condition an SQL condition that limits the rows purged to some of the table's (a state, say) */
    public BatchedPurge(AgroalDataSource dataSource, String what, String table, String key, String time,
                        String condition, Duration retention) {
        this.dataSource = dataSource;
        this.what = what;
        this.retention = retention;
        this.delete = "delete from " + table + " where " + key + " in (select " + key + " from " + table
                + " where " + time + " < now() - make_interval(secs => ?) and (" + condition + ") limit ?)";
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
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not delete old %s, retrying in %s: %s", what, INTERVAL, e.toString());
        }
    }

    /** Deletes every row older than the retention; returns how many. */
    public long purge() throws SQLException {
        long deleted = 0;
        int batch;
        do {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(delete)) {
                statement.setDouble(1, retention.toMillis() / 1000.0);
                statement.setInt(2, BATCH);
                batch = statement.executeUpdate();
            }
            deleted += batch;
        } while (batch == BATCH);
        return deleted;
    }
}
