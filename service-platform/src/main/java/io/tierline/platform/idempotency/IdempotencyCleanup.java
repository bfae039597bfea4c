package io.tierline.platform.idempotency;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierline.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes idempotency keys once they are older than {@code tierline.platform.idempotency.retention}, answered or
 * not, so {@code idempotency_key} holds a window of recent requests. Once a minute, in batches, so one run never
 * holds a long transaction; with several instances each deletes what it finds (as {@code InboxCleanup} does).
 */
@ApplicationScoped
public class IdempotencyCleanup {

    private static final Logger LOG = Logger.getLogger(IdempotencyCleanup.class);
    private static final int BATCH = 10_000;
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final AgroalDataSource dataSource;
    private final Duration retention;
    private ScheduledExecutorService executor;

    IdempotencyCleanup(AgroalDataSource dataSource, PlatformConfig config) {
        this.dataSource = dataSource;
        this.retention = config.idempotency().retention();
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tierline-idempotency-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::purgeQuietly, INTERVAL.toSeconds(), INTERVAL.toSeconds(),
                TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not delete expired idempotency keys, retrying in %s: %s", INTERVAL, e.toString());
        }
    }

    /** Deletes every key older than the retention; returns how many. */
    public long purge() throws SQLException {
        long deleted = 0;
        int batch;
        do {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement("""
                         delete from idempotency_key where id in (
                             select id from idempotency_key
                             where created_at < now() - make_interval(secs => ?) limit ?)""")) {
                statement.setDouble(1, retention.toMillis() / 1000.0);
                statement.setInt(2, BATCH);
                batch = statement.executeUpdate();
            }
            deleted += batch;
        } while (batch == BATCH);
        return deleted;
    }
}
