package io.tierline.ticket.attachment;

import io.tierline.platform.http.RouteBodyLimit;
import io.tierline.ticket.config.TicketConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Attachment uploads take bodies up to {@code tierline.ticket.attachments.max-size}, not the API's 512 KB. */
@ApplicationScoped
public class AttachmentRoutes {

    @Produces
    @Singleton
    RouteBodyLimit uploads(TicketConfig config) {
        return RouteBodyLimit.of("attachments", "/api/v1/tickets/[^/]+/attachments/?",
                config.attachments().maxSize().asLongValue());
    }
}
