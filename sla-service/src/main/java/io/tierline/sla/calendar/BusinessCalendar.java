package io.tierline.sla.calendar;

import java.time.Duration;
import java.time.Instant;

/** Measures SLA time: where a target of {@code d} working time, started at {@code start}, falls due. */
public interface BusinessCalendar {

    Instant plus(Instant start, Duration workingTime);

    /** Round the clock, every day: the calendar of plans without business hours. */
    BusinessCalendar ALWAYS = Instant::plus;
}
