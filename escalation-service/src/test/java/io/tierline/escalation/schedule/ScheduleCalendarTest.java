package io.tierline.escalation.schedule;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.tierline.escalation.schedule.RotationDstTest.shift;
import static org.assertj.core.api.Assertions.assertThat;

class ScheduleCalendarTest {

    private static final Instant STAMP = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<Shift> SHIFTS = List.of(
            shift("2026-03-02T08:00:00Z", "2026-03-02T16:00:00Z", "ann"),
            new Shift(Instant.parse("2026-03-02T16:00:00Z"), Instant.parse("2026-03-02T20:00:00Z"), Optional.empty()),
            shift("2026-03-02T20:00:00Z", "2026-03-03T08:00:00Z", "Zoë, the \"night\"; owl"));

    @Test
    void rendersOneEventPerCoveredShiftThatParsesBack() throws Exception {
        String text = ScheduleCalendar.render("sched-42", "Platform primary", SHIFTS, STAMP);

        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").contains("DTSTART:20260302T080000Z\r\n");
        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
        assertThat(calendar.getProperty(Property.PRODID)).hasValueSatisfying(
                p -> assertThat(p.getValue()).isEqualTo(ScheduleCalendar.PRODUCT_ID));
        assertThat(calendar.getProperty("X-WR-CALNAME")).hasValueSatisfying(
                p -> assertThat(p.getValue()).isEqualTo("Platform primary"));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(2);
        assertThat(events).extracting(e -> e.getSummary().getValue())
                .containsExactly("On call: ann", "On call: Zoë, the \"night\"; owl");
        assertThat(events).extracting(e -> e.getStartDate().get().getValue())
                .containsExactly("20260302T080000Z", "20260302T200000Z");
        assertThat(events).extracting(e -> e.getEndDate().get().getValue())
                .containsExactly("20260302T160000Z", "20260303T080000Z");
        assertThat(events).extracting(e -> e.getDateStamp().get().getDate()).containsOnly(STAMP);
        assertThat(events).extracting(e -> e.getUid().get().getValue()).containsExactly(
                ScheduleCalendar.uid("sched-42", Instant.parse("2026-03-02T08:00:00Z"), "ann"),
                ScheduleCalendar.uid("sched-42", Instant.parse("2026-03-02T20:00:00Z"), "Zoë, the \"night\"; owl"));
    }

    @Test
    void uidsAreStableAndTellShiftsApart() {
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        assertThat(ScheduleCalendar.uid("s", start, "ann")).isEqualTo(ScheduleCalendar.uid("s", start, "ann"))
                .isNotEqualTo(ScheduleCalendar.uid("s", start, "bob"))
                .isNotEqualTo(ScheduleCalendar.uid("t", start, "ann"))
                .isNotEqualTo(ScheduleCalendar.uid("s", start.plusSeconds(1), "ann"));
        assertThat(ScheduleCalendar.render("s", "n", SHIFTS, STAMP))
                .isEqualTo(ScheduleCalendar.render("s", "n", SHIFTS, STAMP));
    }

    @Test
    void anEmptyScheduleIsAnEmptyCalendar() throws Exception {
        String text = ScheduleCalendar.render("s", "Nobody", List.of(), STAMP);
        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        assertThat(calendar.getComponents("VEVENT")).isEmpty();
    }
}
