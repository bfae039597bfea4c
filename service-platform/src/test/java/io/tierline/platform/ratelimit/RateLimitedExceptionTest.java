package io.tierline.platform.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedExceptionTest {

    @Test
    void shouldRoundRetryAfterUpToWholeSecondsAndAtLeastOne() {
        assertThat(new RateLimitedException(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitedException(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitedException(Duration.ofSeconds(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitedException(Duration.ofMillis(1_200)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new RateLimitedException(Duration.ofNanos(3_000_000_001L)).retryAfterSeconds()).isEqualTo(4);
    }
}
