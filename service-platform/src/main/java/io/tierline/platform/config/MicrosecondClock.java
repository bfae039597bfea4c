package io.tierline.platform.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A clock at PostgreSQL's precision (microseconds), so an instant in an event equals the one stored in a row.
 * ({@code Clock.tick} with a sub-millisecond tick cannot answer {@code millis()} on Java 17.)
 */
public final class MicrosecondClock extends Clock {

    private final Clock base;

    public MicrosecondClock(Clock base) {
        this.base = base;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MicrosecondClock(base.withZone(zone));
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
