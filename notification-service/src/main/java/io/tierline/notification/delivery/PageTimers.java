package io.tierline.notification.delivery;

import java.util.UUID;

/**
 * Keys of the durable {@value #KIND} timers. The first round is keyed by the page id alone; a retry round gets its
 * own key ({@code <pageId>/<attempt>}), because the poller deletes the timer it fired after the handler returns:
 * re-scheduling the fired key would be deleted with it.
 */
public final class PageTimers {

    public static final String KIND = "page-delivery";

    public static String key(UUID pageId, int attempt) {
        return attempt <= 1 ? pageId.toString() : pageId + "/" + attempt;
    }

    public static UUID pageId(String key) {
        int slash = key.indexOf('/');
        return UUID.fromString(slash < 0 ? key : key.substring(0, slash));
    }

    public static int attempt(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? 1 : Integer.parseInt(key.substring(slash + 1));
    }

    private PageTimers() {
    }
}
