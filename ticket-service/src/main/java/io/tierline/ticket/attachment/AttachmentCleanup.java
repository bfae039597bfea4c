package io.tierline.ticket.attachment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierline.platform.retention.BatchedPurge;
import io.tierline.ticket.config.TicketConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.SQLException;

/** Deletes what abandoned uploads wrote (UPLOADING attachments and their chunks) once they are old enough. */
@ApplicationScoped
public class AttachmentCleanup {

    private final BatchedPurge purge;

    AttachmentCleanup(AgroalDataSource dataSource, TicketConfig config) {
        this.purge = new BatchedPurge(dataSource, "abandoned uploads", "attachment", "id", "uploaded_at",
                "state = 'UPLOADING'", config.attachments().abandonedAfter());
    }

    void start(@Observes StartupEvent event) {
        purge.start();
    }

    void stop(@Observes ShutdownEvent event) {
        purge.stop();
    }

    /** Deletes every abandoned upload; returns how many. */
    public long purge() throws SQLException {
        return purge.purge();
    }
}
