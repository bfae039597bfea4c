package io.tierline.platform.batch;

import io.tierline.platform.problem.RetryAfter;

import java.time.Duration;

/**
 * Refused because this instance already holds as much of this work as it can take: answered 503 with
 * {@code Retry-After} (an intake whose senders expect another answer, such as PagerDuty's 429 "throttle event", gives
 * that one). Nothing of the request was applied, so sending it again later is safe.
 */
public class Overloaded extends RuntimeException {

    private final Duration retryAfter;

    public Overloaded(Duration retryAfter) {
        // no stack trace: refusals come in floods when they come, and say nothing a trace would add
        super("Too much work waiting", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds for the {@code Retry-After} header: rounded up, at least 1. */
    public long retryAfterSeconds() {
        return RetryAfter.seconds(retryAfter);
    }
}
