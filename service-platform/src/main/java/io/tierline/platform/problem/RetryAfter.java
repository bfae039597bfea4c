package io.tierline.platform.problem;

import java.time.Duration;

/** The {@code Retry-After} header's value for a wait: whole seconds, rounded up, at least 1. */
public final class RetryAfter {

    public static long seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private RetryAfter() {
    }
}
