package io.tierline.notification.delivery;

import java.util.UUID;

/**
 * Keys and payloads of the durable {@value #KIND} timers. A page has one timer, keyed by its id, for as long as it
 * awaits delivery: due at the next round, or leased while a round waits for its answer (see
 * {@link PageDeliveryHandler}). Its payload is the round it is for; none means round 1.
 * <p>
 * Earlier versions gave each retry round a key of its own ({@code <pageId>/<round>}), because a fired timer was
 * always deleted; such a timer still fires, and keeps its key until the page is done.
 */
public final class PageTimers {

    public static final String KIND = "page-delivery";

    /** The timer of a page's first round, scheduled when the page is created. */
    public static String key(UUID pageId) {
        return pageId.toString();
    }

    public static UUID pageId(String key) {
        int slash = key.indexOf('/');
        return UUID.fromString(slash < 0 ? key : key.substring(0, slash));
    }

    /** The round a timer is for: its payload, else the round in an older key, else 1. */
    public static int round(String key, String payload) {
        if (payload != null && !payload.isBlank()) {
            return Integer.parseInt(payload.trim());
        }
        int slash = key.indexOf('/');
        return slash < 0 ? 1 : Integer.parseInt(key.substring(slash + 1));
    }

    public static String payload(int round) {
        return Integer.toString(round);
    }

    private PageTimers() {
    }
}
