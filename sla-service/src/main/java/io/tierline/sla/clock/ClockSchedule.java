package io.tierline.sla.clock;

import io.tierline.sla.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;

/** When a clock started at {@code startedAt} warns and falls due, measured in its calendar. */
public record ClockSchedule(Instant startedAt, Duration target, Instant warningAt, Instant dueAt) {

    public static ClockSchedule of(Instant startedAt, Duration target, int warningPercent, BusinessCalendar calendar) {
        Duration beforeWarning = target.multipliedBy(warningPercent).dividedBy(100);
        return new ClockSchedule(startedAt, target, calendar.plus(startedAt, beforeWarning),
                calendar.plus(startedAt, target));
    }
}
