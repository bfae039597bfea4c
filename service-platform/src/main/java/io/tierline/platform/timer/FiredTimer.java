package io.tierline.platform.timer;

import java.time.Duration;
import java.time.Instant;

/**
 * A timer being handled. {@code late} is true when it fires noticeably after its due time, typically because the
 * service was down when it came due.
 */
public record FiredTimer(String kind, String key, Instant dueAt, String payload, Instant firedAt, boolean late) {

    public Duration lateness() {
        return Duration.between(dueAt, firedAt);
    }
}
