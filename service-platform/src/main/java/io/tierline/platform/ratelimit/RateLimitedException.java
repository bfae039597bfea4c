package io.tierline.platform.ratelimit;

import io.tierline.platform.problem.RetryAfter;

import java.time.Duration;

/** A request over its rate limit; answered 429 with {@code Retry-After} wherever it is thrown. */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        // no stack trace: refusals are frequent under load and expected, and the trace would say nothing
        super("Rate limit exceeded", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for the {@code Retry-After} header: rounded up, at least 1. */
    public long retryAfterSeconds() {
        return RetryAfter.seconds(retryAfter);
    }
}
