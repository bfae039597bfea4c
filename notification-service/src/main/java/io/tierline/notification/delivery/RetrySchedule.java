package io.tierline.notification.delivery;

import java.time.Duration;
import java.util.Optional;

/** How many delivery rounds a page gets and how long to wait between them: the backoff, doubling each round. */
public record RetrySchedule(int maxAttempts, Duration backoff) {

    /** The wait before the next round after round {@code failedAttempt} failed, or empty when none is left. */
    public Optional<Duration> delayAfter(int failedAttempt) {
        if (failedAttempt >= maxAttempts) {
            return Optional.empty();
        }
        int doublings = Math.max(0, Math.min(failedAttempt - 1, 20));
        return Optional.of(backoff.multipliedBy(1L << doublings));
    }
}
