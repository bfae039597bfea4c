package io.tierline.platform.ratelimit;

import java.time.Duration;

/** Whether a request may go ahead; when not, how long until it would be admitted ({@link Duration#ZERO} if it is). */
public record RateDecision(boolean allowed, Duration retryAfter) {

    static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO);

    static RateDecision refused(Duration retryAfter) {
        return new RateDecision(false, retryAfter);
    }
}
