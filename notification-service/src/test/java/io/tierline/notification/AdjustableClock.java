package io.tierline.notification;

import io.tierline.platform.config.MicrosecondClock;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in a test that moves time on (enabled by its {@code QuarkusTestProfile}): the system clock
 * plus an offset. It only goes forward, so nothing scheduled by then comes due later than it did.
 */
@Alternative
@Singleton
public class AdjustableClock extends Clock {

    private final Clock base = new MicrosecondClock(Clock.systemUTC());
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only goes forward: " + by);
        }
        offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service keeps time in UTC");
    }
}
