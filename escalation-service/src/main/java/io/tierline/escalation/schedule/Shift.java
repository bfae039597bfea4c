package io.tierline.escalation.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone, or nobody, on call during [start, end). {@code person} is empty for a stretch no layer and no override
 * covers: {@link Schedule#shifts} lists those too so that its shifts always tile the asked range, and a caller sees a
 * hole in the schedule as a hole rather than as missing data.
 */
public record Shift(Instant start, Instant end, Optional<String> person) {

    public Shift {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(person, "person");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a shift must end after it starts: " + start + " .. " + end);
        }
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
