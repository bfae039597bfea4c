package io.tierline.notification.delivery;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** What a page says, as the JSON body a webhook receives. */
public record PageMessage(UUID pageId, UUID ticketId, String responderId, String cause, String severity,
                          String title, Instant causedAt, String ackUrl) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("pageId", pageId.toString())
                .put("ticketId", ticketId.toString())
                .put("responderId", responderId)
                .put("cause", cause)
                .put("severity", severity)
                .put("title", title)
                .put("causedAt", causedAt.toString())
                .put("ackUrl", ackUrl);
    }
}
