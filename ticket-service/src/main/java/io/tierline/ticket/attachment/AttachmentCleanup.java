package io.tierline.ticket.attachment;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierline.platform.retention.BatchedPurge;
import io.tierline.ticket.config.TicketConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Deletes what abandoned uploads wrote (UPLOADING attachments and their chunks) once they are old enough. */
@ApplicationScoped
public class AttachmentCleanup {

    private final BatchedPurge purge;

    AttachmentCleanup(Pool pool, TicketConfig config) {
        this.purge = new BatchedPurge(pool, "abandoned uploads", "attachment", "id", "uploaded_at",
                "state = 'UPLOADING'", config.attachments().abandonedAfter());
    }

    void start(@Observes StartupEvent event) {
        purge.start();
    }

    void stop(@Observes ShutdownEvent event) {
        purge.stop();
    }

    /** Deletes every abandoned upload; returns how many. */
    public long purge() {
        return purge.purge();
    }
}
