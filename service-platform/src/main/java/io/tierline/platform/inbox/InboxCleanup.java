package io.tierline.platform.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierline.platform.config.PlatformConfig;
import io.tierline.platform.retention.BatchedPurge;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Deletes the ids of applied events once they are older than {@code tierline.platform.consumer.dedup-retention},
 * so {@code processed_event} holds a bounded window instead of every event ever received.
 */
@ApplicationScoped
public class InboxCleanup {

    private final BatchedPurge purge;

    InboxCleanup(Pool pool, PlatformConfig config) {
        this.purge = new BatchedPurge(pool, "processed-event ids", "processed_event", "event_id",
                "processed_at", config.consumer().dedupRetention());
    }

    void start(@Observes StartupEvent event) {
        purge.start();
    }

    void stop(@Observes ShutdownEvent event) {
        purge.stop();
    }

    /** Deletes every id older than the retention; returns how many. */
    public long purge() {
        return purge.purge();
    }
}
