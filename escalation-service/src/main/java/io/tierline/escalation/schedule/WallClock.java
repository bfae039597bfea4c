package io.tierline.escalation.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns a wall-clock time of a schedule's zone into an instant; every handoff and restriction boundary goes through
 * here so that they all agree on DST.
 *
 * <ul>
 *   <li>A time in an overlap (clocks go back, the time happens twice) means its first occurrence, the earlier
 *       offset, as {@link java.time.ZonedDateTime#of} does.</li>
 *   <li>A time in a gap (clocks go forward, the time never happens) means the first instant after the gap, the
 *       transition itself: a 02:30 handoff on a night the clocks jump from 02:00 to 03:00 happens at 03:00. This is
 *       deliberately not {@code ZonedDateTime.of}, which would move it by the gap's length to 03:30: that instant is
 *       also the image of the real 03:30, so a later wall-clock time could map to an earlier instant when a gap is
 *       longer than a shift, and handoffs would go backwards. With the transition, the mapping never decreases, so
 *       handoffs and window boundaries stay in order; two of them can at worst meet at the same instant.</li>
 * </ul>
 */
final class WallClock {

    private WallClock() {
    }

    static Instant instant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        return offsets.isEmpty() ? transition.getInstant() : local.toInstant(transition.getOffsetBefore());
    }
}
