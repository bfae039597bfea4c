package io.tierline.escalation.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A weekly window of wall-clock time in the schedule's zone during which a {@link Layer} is on duty: on each of the
 * {@code days}, from {@code start} to {@code end}.
 *
 * <p>When {@code end} is not after {@code start} the window runs past midnight and ends on the next day: 22:00-06:00
 * is a night, and {@code end == start} is a whole 24 hours from {@code start} (so 00:00-00:00 is the whole day, which
 * is how "weekends" is written). A window belongs to the day it starts on: FRI 22:00-06:00 covers Saturday 03:00 but
 * not Friday 03:00. Every window therefore covers some time; the only way a restriction covers nothing is naming no
 * day, which validation rejects.
 *
 * <p>Boundaries are wall-clock times turned into instants like handoffs are (see {@link WallClock}), so a window
 * lasts an hour more or less across a DST change, and a window lying wholly inside a DST gap is empty that night.
 */
public record Restriction(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public Restriction {
        days = days == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(days));
    }

    /** Monday to Friday, {@code start} to {@code end}. */
    public static Restriction weekdays(LocalTime start, LocalTime end) {
        return new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end);
    }

    /** All of Saturday and Sunday. */
    public static Restriction weekends() {
        return new Restriction(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT);
    }

    /** Every day, {@code start} to {@code end}. */
    public static Restriction daily(LocalTime start, LocalTime end) {
        return new Restriction(EnumSet.allOf(DayOfWeek.class), start, end);
    }

    void collectProblems(String path, List<FieldError> out) {
        if (days.isEmpty()) {
            out.add(new FieldError(path + ".days", "must name at least one day (the window would cover no time)"));
        } else if (days.contains(null)) {
            out.add(new FieldError(path + ".days", "must not contain an empty day"));
        }
        if (start == null) {
            out.add(new FieldError(path + ".start", "must be given"));
        }
        if (end == null) {
            out.add(new FieldError(path + ".end", "must be given"));
        }
    }

    /**
     * The windows meeting [from, to), clipped to it, possibly overlapping each other. Looks from two days before to a
     * day after the range in local dates, which catches windows begun the day before and any oddity of local dates
     * near an offset change.
     */
    void windows(ZoneId zone, Instant from, Instant to, List<Span> out) {
        LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
        for (LocalDate day = LocalDate.ofInstant(from, zone).minusDays(2); !day.isAfter(last); day = day.plusDays(1)) {
            if (days.contains(day.getDayOfWeek())) {
                LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
                Span window = new Span(WallClock.instant(day.atTime(start), zone),
                        WallClock.instant(endDay.atTime(end), zone)).clip(from, to);
                if (!window.isEmpty()) {
                    out.add(window);
                }
            }
        }
    }
}
