package io.tierline.platform.idempotency;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierline.platform.config.PlatformConfig;
import io.tierline.platform.retention.BatchedPurge;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Deletes idempotency keys once they are older than {@code tierline.platform.idempotency.retention}, answered or
 * not, so {@code idempotency_key} holds a window of recent requests.
 */
@ApplicationScoped
public class IdempotencyCleanup {

    private final BatchedPurge purge;

    IdempotencyCleanup(Pool pool, PlatformConfig config) {
        this.purge = new BatchedPurge(pool, "idempotency keys", "idempotency_key", "id", "created_at",
                config.idempotency().retention());
    }

    void start(@Observes StartupEvent event) {
        purge.start();
    }

    void stop(@Observes ShutdownEvent event) {
        purge.stop();
    }

    /** Deletes every key older than the retention; returns how many. */
    public long purge() {
        return purge.purge();
    }
}
