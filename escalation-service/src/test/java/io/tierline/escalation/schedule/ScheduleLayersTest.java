package io.tierline.escalation.schedule;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static io.tierline.escalation.schedule.RotationDstTest.shift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Layers, restrictions and overrides combined, in UTC so the arithmetic is plain (2026-03-02 is a Monday). */
class ScheduleLayersTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    /** ann and bob, daily at 09:00, since Sunday 2026-03-01: ann Sunday, bob Monday, ann Tuesday... */
    private static final Layer BASE = new Layer("base",
            new Rotation(List.of("ann", "bob"), ShiftLength.days(1), LocalDateTime.parse("2026-03-01T09:00")),
            List.of());

    /** cat alone, weekdays 09:00-17:00. */
    private static final Layer BUSINESS = new Layer("business",
            new Rotation(List.of("cat"), ShiftLength.weeks(1), LocalDateTime.parse("2026-03-02T09:00")),
            List.of(Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))));

    @Test
    void weekdayLayerOverA24x7Base() {
        Schedule schedule = new Schedule(UTC, List.of(BASE, BUSINESS), List.of());

        assertThat(schedule.onCallAt(at("2026-03-02T10:00:00Z"))).contains(
                new OnCall("cat", "business", at("2026-03-02T09:00:00Z"), at("2026-03-02T17:00:00Z")));
        assertThat(schedule.onCallAt(at("2026-03-02T18:00:00Z"))).contains(
                new OnCall("bob", "base", at("2026-03-02T17:00:00Z"), at("2026-03-03T09:00:00Z")));
        assertThat(schedule.onCallAt(at("2026-03-07T10:00:00Z")).map(OnCall::source)).contains("base");

        assertThat(schedule.shifts(at("2026-03-02T00:00:00Z"), at("2026-03-03T12:00:00Z"))).containsExactly(
                shift("2026-03-02T00:00:00Z", "2026-03-02T09:00:00Z", "ann"),
                shift("2026-03-02T09:00:00Z", "2026-03-02T17:00:00Z", "cat"),
                shift("2026-03-02T17:00:00Z", "2026-03-03T09:00:00Z", "bob"),
                shift("2026-03-03T09:00:00Z", "2026-03-03T12:00:00Z", "cat"));
    }

    @Test
    void nightsCrossMidnightAndBelongToTheDayTheyStart() {
        Layer nights = new Layer("nights",
                new Rotation(List.of("nia"), ShiftLength.days(1), LocalDateTime.parse("2026-01-01T00:00")),
                List.of(new Restriction(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0))));
        Schedule schedule = new Schedule(UTC, List.of(BASE, nights), List.of());

        assertThat(personAt(schedule, "2026-03-06T23:00:00Z")).contains("nia");  // Friday night
        assertThat(personAt(schedule, "2026-03-07T03:00:00Z")).contains("nia");  // Saturday 03:00, Friday's window
        assertThat(personAt(schedule, "2026-03-07T06:00:00Z")).contains("bob");  // window over: Friday's base turn
        assertThat(personAt(schedule, "2026-03-06T03:00:00Z")).contains("ann");  // Friday 03:00: Thursday has none
        assertThat(personAt(schedule, "2026-03-07T22:30:00Z")).contains("ann");  // Saturday night: no window
        assertThat(schedule.layerShifts(nights, at("2026-03-06T00:00:00Z"), at("2026-03-08T00:00:00Z")))
                .containsExactly(shift("2026-03-06T22:00:00Z", "2026-03-07T00:00:00Z", "nia"),
                        shift("2026-03-07T00:00:00Z", "2026-03-07T06:00:00Z", "nia"));  // a handoff at midnight
    }

    @Test
    void weekendsAreWholeDays() {
        Layer weekend = new Layer("weekend",
                new Rotation(List.of("wes", "wyn"), ShiftLength.weeks(1), LocalDateTime.parse("2026-02-28T00:00")),
                List.of(Restriction.weekends()));
        Schedule schedule = new Schedule(UTC, List.of(BASE, weekend), List.of());

        assertThat(personAt(schedule, "2026-03-06T23:59:59Z")).contains("bob");  // Friday
        assertThat(personAt(schedule, "2026-03-07T00:00:00Z")).contains("wyn");  // Saturday, second week
        assertThat(personAt(schedule, "2026-03-08T23:59:59Z")).contains("wyn");  // Sunday
        assertThat(personAt(schedule, "2026-03-09T00:00:00Z")).contains("bob");  // Monday, Sunday's base turn
        assertThat(schedule.shifts(at("2026-03-06T12:00:00Z"), at("2026-03-09T12:00:00Z"))).containsExactly(
                shift("2026-03-06T12:00:00Z", "2026-03-07T00:00:00Z", "bob"),
                shift("2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z", "wyn"),
                shift("2026-03-09T00:00:00Z", "2026-03-09T09:00:00Z", "bob"),
                shift("2026-03-09T09:00:00Z", "2026-03-09T12:00:00Z", "ann"));
    }

    @Test
    void overridesWinAndTheLaterListedWinsBetweenThem() {
        Schedule schedule = new Schedule(UTC, List.of(BASE, BUSINESS), List.of(
                new ScheduleOverride("ovi", at("2026-03-02T12:00:00Z"), at("2026-03-02T16:00:00Z")),
                new ScheduleOverride("zed", at("2026-03-02T13:00:00Z"), at("2026-03-02T14:00:00Z"))));

        assertThat(schedule.onCallAt(at("2026-03-02T13:30:00Z"))).contains(
                new OnCall("zed", OnCall.OVERRIDE, at("2026-03-02T13:00:00Z"), at("2026-03-02T14:00:00Z")));
        assertThat(schedule.shifts(at("2026-03-02T09:00:00Z"), at("2026-03-02T17:00:00Z"))).containsExactly(
                shift("2026-03-02T09:00:00Z", "2026-03-02T12:00:00Z", "cat"),
                shift("2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z", "ovi"),
                shift("2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z", "zed"),
                shift("2026-03-02T14:00:00Z", "2026-03-02T16:00:00Z", "ovi"),
                shift("2026-03-02T16:00:00Z", "2026-03-02T17:00:00Z", "cat"));
    }

    @Test
    void overrideSpanningTwoShiftsCutsBoth() {
        Schedule schedule = new Schedule(UTC, List.of(BASE, BUSINESS), List.of(
                new ScheduleOverride("zed", at("2026-03-02T08:00:00Z"), at("2026-03-02T10:00:00Z"))));

        assertThat(schedule.shifts(at("2026-03-02T00:00:00Z"), at("2026-03-02T17:00:00Z"))).containsExactly(
                shift("2026-03-02T00:00:00Z", "2026-03-02T08:00:00Z", "ann"),
                shift("2026-03-02T08:00:00Z", "2026-03-02T10:00:00Z", "zed"),
                shift("2026-03-02T10:00:00Z", "2026-03-02T17:00:00Z", "cat"));
    }

    @Test
    void overrideBySomeoneAlreadyOnCallMergesIntoTheirShift() {
        Schedule schedule = new Schedule(UTC, List.of(BASE), List.of(
                new ScheduleOverride("bob", at("2026-03-02T06:00:00Z"), at("2026-03-02T09:00:00Z"))));

        assertThat(schedule.shifts(at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z"))).containsExactly(
                shift("2026-03-02T00:00:00Z", "2026-03-02T06:00:00Z", "ann"),
                shift("2026-03-02T06:00:00Z", "2026-03-03T00:00:00Z", "bob"));
        // the final shift spans the override and bob's turn; the source is what holds at the instant asked about
        assertThat(schedule.onCallAt(at("2026-03-02T07:00:00Z"))).contains(
                new OnCall("bob", OnCall.OVERRIDE, at("2026-03-02T06:00:00Z"), at("2026-03-03T09:00:00Z")));
    }

    @Test
    void holesAreShiftsWithNobody() {
        Schedule schedule = new Schedule(UTC, List.of(BUSINESS), List.of(
                new ScheduleOverride("ovi", at("2026-03-07T10:00:00Z"), at("2026-03-07T12:00:00Z"))));

        assertThat(schedule.onCallAt(at("2026-03-07T09:00:00Z"))).isEmpty();
        assertThat(personAt(schedule, "2026-03-07T11:00:00Z")).contains("ovi");  // overrides fill holes too
        assertThat(schedule.shifts(at("2026-03-06T16:00:00Z"), at("2026-03-09T10:00:00Z"))).containsExactly(
                shift("2026-03-06T16:00:00Z", "2026-03-06T17:00:00Z", "cat"),
                new Shift(at("2026-03-06T17:00:00Z"), at("2026-03-07T10:00:00Z"), Optional.empty()),
                shift("2026-03-07T10:00:00Z", "2026-03-07T12:00:00Z", "ovi"),
                new Shift(at("2026-03-07T12:00:00Z"), at("2026-03-09T09:00:00Z"), Optional.empty()),
                shift("2026-03-09T09:00:00Z", "2026-03-09T10:00:00Z", "cat"));
    }

    @Test
    void restrictionWindowsFollowTheWallClockAcrossDst() {
        // weekdays 09-17 in New York: 14:00Z-22:00Z in EST, 13:00Z-21:00Z in EDT (from Sunday 2026-03-08)
        Schedule schedule = new Schedule(ZoneId.of("America/New_York"), List.of(BUSINESS), List.of());
        assertThat(schedule.layerShifts(BUSINESS, at("2026-03-06T00:00:00Z"), at("2026-03-10T00:00:00Z")))
                .containsExactly(shift("2026-03-06T14:00:00Z", "2026-03-06T22:00:00Z", "cat"),
                        shift("2026-03-09T13:00:00Z", "2026-03-09T21:00:00Z", "cat"));
    }

    @Test
    void queriesAreBounded() {
        Schedule schedule = new Schedule(UTC, List.of(BASE), List.of());
        Instant from = at("2026-01-01T00:00:00Z");
        assertThat(schedule.shifts(from, from)).isEmpty();
        assertThat(schedule.shifts(from, from.plus(Schedule.MAX_RANGE))).isNotEmpty();
        assertThatThrownBy(() -> schedule.shifts(from, from.plus(Schedule.MAX_RANGE).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("366 days");
        assertThatThrownBy(() -> schedule.shifts(from, from.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.layerShifts(BASE, from, from.plus(Schedule.MAX_RANGE).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.onCallAt(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Optional<String> personAt(Schedule schedule, String instant) {
        return schedule.onCallAt(at(instant)).map(OnCall::person);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
