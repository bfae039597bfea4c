package io.tierline.escalation.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handoff instants of rotations across the DST changes of 2026, worked out by hand from the zones' offsets (the
 * comments give the local time and offset each expectation comes from). Every list starts at the first handoff, so
 * each expected instant is exactly one shift start.
 */
class RotationDstTest {

    // ---- Europe/Berlin: CET +01:00, CEST +02:00; 2026-03-29 02:00 -> 03:00 (01:00Z), 2026-10-25 03:00 -> 02:00 (01:00Z)

    @Test
    void berlinDaily0900StaysAt0900AcrossBothChanges() {
        assertHandoffs("Europe/Berlin", "2026-03-27T09:00", ShiftLength.days(1),
                "2026-03-27T08:00:00Z",  // 27th 09:00 CET
                "2026-03-28T08:00:00Z",  // 28th 09:00 CET
                "2026-03-29T07:00:00Z",  // 29th 09:00 CEST: that shift lasted 23 hours
                "2026-03-30T07:00:00Z"); // 30th 09:00 CEST
        assertHandoffs("Europe/Berlin", "2026-10-23T09:00", ShiftLength.days(1),
                "2026-10-23T07:00:00Z",  // 09:00 CEST
                "2026-10-24T07:00:00Z",  // 09:00 CEST
                "2026-10-25T08:00:00Z",  // 09:00 CET: 25 hours
                "2026-10-26T08:00:00Z");
    }

    @Test
    void berlinDaily0230InTheGapHandsOffWhenTheClocksJump() {
        assertHandoffs("Europe/Berlin", "2026-03-27T02:30", ShiftLength.days(1),
                "2026-03-27T01:30:00Z",  // 02:30 CET
                "2026-03-28T01:30:00Z",  // 02:30 CET
                "2026-03-29T01:00:00Z",  // 02:30 does not exist: the jump itself, 03:00 CEST
                "2026-03-30T00:30:00Z"); // 02:30 CEST
        assertHandoffs("Europe/Berlin", "2026-10-23T02:30", ShiftLength.days(1),
                "2026-10-23T00:30:00Z",  // 02:30 CEST
                "2026-10-24T00:30:00Z",  // 02:30 CEST
                "2026-10-25T00:30:00Z",  // 02:30 happens twice: the first time, CEST
                "2026-10-26T01:30:00Z"); // 02:30 CET: 25 hours
    }

    // ---- America/New_York: EST -05:00, EDT -04:00; 2026-03-08 02:00 -> 03:00 (07:00Z), 2026-11-01 02:00 -> 01:00 (06:00Z)

    @Test
    void newYorkDaily0900() {
        assertHandoffs("America/New_York", "2026-03-06T09:00", ShiftLength.days(1),
                "2026-03-06T14:00:00Z", "2026-03-07T14:00:00Z",  // 09:00 EST
                "2026-03-08T13:00:00Z", "2026-03-09T13:00:00Z"); // 09:00 EDT
        assertHandoffs("America/New_York", "2026-10-30T09:00", ShiftLength.days(1),
                "2026-10-30T13:00:00Z", "2026-10-31T13:00:00Z",  // 09:00 EDT
                "2026-11-01T14:00:00Z", "2026-11-02T14:00:00Z"); // 09:00 EST
    }

    @Test
    void newYorkDaily0230AndOverlapping0130() {
        assertHandoffs("America/New_York", "2026-03-06T02:30", ShiftLength.days(1),
                "2026-03-06T07:30:00Z", "2026-03-07T07:30:00Z",  // 02:30 EST
                "2026-03-08T07:00:00Z",                          // gap: 03:00 EDT
                "2026-03-09T06:30:00Z");                         // 02:30 EDT
        assertHandoffs("America/New_York", "2026-10-30T02:30", ShiftLength.days(1),
                "2026-10-30T06:30:00Z", "2026-10-31T06:30:00Z",  // 02:30 EDT
                "2026-11-01T07:30:00Z", "2026-11-02T07:30:00Z"); // 02:30 EST (after the repeated hour)
        assertHandoffs("America/New_York", "2026-10-30T01:30", ShiftLength.days(1),
                "2026-10-30T05:30:00Z", "2026-10-31T05:30:00Z",  // 01:30 EDT
                "2026-11-01T05:30:00Z",                          // 01:30 twice: the first, EDT
                "2026-11-02T06:30:00Z");                         // 01:30 EST: 25 hours
    }

    // ---- Australia/Sydney: AEST +10:00, AEDT +11:00; 2026-04-05 03:00 -> 02:00 (04-04T16:00Z),
    //      2026-10-04 02:00 -> 03:00 (10-03T16:00Z)

    @Test
    void sydneyDaily0900() {
        assertHandoffs("Australia/Sydney", "2026-04-03T09:00", ShiftLength.days(1),
                "2026-04-02T22:00:00Z", "2026-04-03T22:00:00Z",  // 09:00 AEDT
                "2026-04-04T23:00:00Z", "2026-04-05T23:00:00Z"); // 09:00 AEST
        assertHandoffs("Australia/Sydney", "2026-10-02T09:00", ShiftLength.days(1),
                "2026-10-01T23:00:00Z", "2026-10-02T23:00:00Z",  // 09:00 AEST
                "2026-10-03T22:00:00Z", "2026-10-04T22:00:00Z"); // 09:00 AEDT
    }

    @Test
    void sydneyDaily0230() {
        assertHandoffs("Australia/Sydney", "2026-04-03T02:30", ShiftLength.days(1),
                "2026-04-02T15:30:00Z", "2026-04-03T15:30:00Z",  // 02:30 AEDT
                "2026-04-04T15:30:00Z",                          // 02:30 twice: the first, AEDT
                "2026-04-05T16:30:00Z");                         // 02:30 AEST
        assertHandoffs("Australia/Sydney", "2026-10-02T02:30", ShiftLength.days(1),
                "2026-10-01T16:30:00Z", "2026-10-02T16:30:00Z",  // 02:30 AEST
                "2026-10-03T16:00:00Z",                          // gap: the jump, 03:00 AEDT
                "2026-10-04T15:30:00Z");                         // 02:30 AEDT
    }

    // ---- Australia/Lord_Howe: +10:30 standard, +11:00 summer; 2026-04-05 02:00 -> 01:30 (04-04T15:00Z),
    //      2026-10-04 02:00 -> 02:30 (10-03T15:30Z)

    @Test
    void lordHoweDaily0900() {
        assertHandoffs("Australia/Lord_Howe", "2026-04-03T09:00", ShiftLength.days(1),
                "2026-04-02T22:00:00Z", "2026-04-03T22:00:00Z",  // 09:00 +11:00
                "2026-04-04T22:30:00Z", "2026-04-05T22:30:00Z"); // 09:00 +10:30: 24.5 hours
        assertHandoffs("Australia/Lord_Howe", "2026-10-02T09:00", ShiftLength.days(1),
                "2026-10-01T22:30:00Z", "2026-10-02T22:30:00Z",  // 09:00 +10:30
                "2026-10-03T22:00:00Z", "2026-10-04T22:00:00Z"); // 09:00 +11:00: 23.5 hours
    }

    @Test
    void lordHoweHalfHourGapAndOverlap() {
        assertHandoffs("Australia/Lord_Howe", "2026-10-02T02:15", ShiftLength.days(1),
                "2026-10-01T15:45:00Z", "2026-10-02T15:45:00Z",  // 02:15 +10:30
                "2026-10-03T15:30:00Z",                          // 02:15 in the gap 02:00-02:30: the jump
                "2026-10-04T15:15:00Z");                         // 02:15 +11:00
        assertHandoffs("Australia/Lord_Howe", "2026-10-02T02:30", ShiftLength.days(1),
                "2026-10-01T16:00:00Z", "2026-10-02T16:00:00Z",  // 02:30 +10:30
                "2026-10-03T15:30:00Z",                          // 02:30 is the gap's end, valid: +11:00
                "2026-10-04T15:30:00Z");
        assertHandoffs("Australia/Lord_Howe", "2026-04-03T01:45", ShiftLength.days(1),
                "2026-04-02T14:45:00Z", "2026-04-03T14:45:00Z",  // 01:45 +11:00
                "2026-04-04T14:45:00Z",                          // 01:45 twice (01:30-02:00): the first, +11:00
                "2026-04-05T15:15:00Z");                         // 01:45 +10:30
    }

    // ---- Twelve-hour rotations keep their wall-clock handoffs: the shift across the change is 11 or 13 hours

    @Test
    void twelveHourRotations() {
        assertHandoffs("Europe/Berlin", "2026-03-28T09:00", ShiftLength.hours(12),
                "2026-03-28T08:00:00Z",  // 09:00 CET
                "2026-03-28T20:00:00Z",  // 21:00 CET
                "2026-03-29T07:00:00Z",  // 09:00 CEST: 11 hours
                "2026-03-29T19:00:00Z"); // 21:00 CEST
        assertHandoffs("Europe/Berlin", "2026-10-24T09:00", ShiftLength.hours(12),
                "2026-10-24T07:00:00Z", "2026-10-24T19:00:00Z",  // 09:00, 21:00 CEST
                "2026-10-25T08:00:00Z", "2026-10-25T20:00:00Z"); // 09:00, 21:00 CET: 13 hours
        assertHandoffs("America/New_York", "2026-03-07T14:30", ShiftLength.hours(12),
                "2026-03-07T19:30:00Z",  // 14:30 EST
                "2026-03-08T07:00:00Z",  // 02:30 in the gap: 03:00 EDT, 11.5 hours
                "2026-03-08T18:30:00Z",  // 14:30 EDT, 11.5 hours
                "2026-03-09T06:30:00Z"); // 02:30 EDT
        assertHandoffs("America/New_York", "2026-10-31T13:30", ShiftLength.hours(12),
                "2026-10-31T17:30:00Z",  // 13:30 EDT
                "2026-11-01T05:30:00Z",  // 01:30, first time (EDT)
                "2026-11-01T18:30:00Z",  // 13:30 EST: 13 hours
                "2026-11-02T06:30:00Z"); // 01:30 EST
        assertHandoffs("Australia/Sydney", "2026-04-04T09:00", ShiftLength.hours(12),
                "2026-04-03T22:00:00Z", "2026-04-04T10:00:00Z",  // 09:00, 21:00 AEDT
                "2026-04-04T23:00:00Z", "2026-04-05T11:00:00Z"); // 09:00, 21:00 AEST
        assertHandoffs("Australia/Lord_Howe", "2026-10-03T09:00", ShiftLength.hours(12),
                "2026-10-02T22:30:00Z", "2026-10-03T10:30:00Z",  // 09:00, 21:00 +10:30
                "2026-10-03T22:00:00Z", "2026-10-04T10:00:00Z"); // 09:00, 21:00 +11:00: 11.5 hours
    }

    // ---- Weekly

    @Test
    void weeklyMondayHandoffs() {
        assertHandoffs("America/New_York", "2026-03-02T09:00", ShiftLength.weeks(1),
                "2026-03-02T14:00:00Z",  // Monday 09:00 EST
                "2026-03-09T13:00:00Z",  // Monday 09:00 EDT: 167 hours
                "2026-03-16T13:00:00Z");
        assertHandoffs("Europe/Berlin", "2026-10-19T09:00", ShiftLength.weeks(1),
                "2026-10-19T07:00:00Z",  // Monday 09:00 CEST
                "2026-10-26T08:00:00Z",  // Monday 09:00 CET: 169 hours
                "2026-11-02T08:00:00Z");
    }

    // ---- Hourly shifts inside the gap collapse; the emptied turn is dropped

    @Test
    void hourlyShiftInsideTheGapIsDroppedAndItsTurnSkipped() {
        Schedule schedule = single("Europe/Berlin", "2026-03-29T00:00", ShiftLength.hours(1));
        List<Shift> shifts = schedule.layerShifts(schedule.layers().get(0),
                Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T03:00:00Z"));
        assertThat(shifts).containsExactly(
                shift("2026-03-28T23:00:00Z", "2026-03-29T00:00:00Z", "p0"),  // 00:00 CET
                shift("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "p1"),  // 01:00 CET
                // p2's 02:00 and p3's 03:00 are both 01:00Z: p2's hour does not exist
                shift("2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z", "p3"),  // 03:00 CEST
                shift("2026-03-29T02:00:00Z", "2026-03-29T03:00:00Z", "p0")); // 04:00 CEST
    }

    @Test
    void hourlyShiftAcrossTheOverlapLastsTwoHours() {
        Schedule schedule = single("Europe/Berlin", "2026-10-25T00:00", ShiftLength.hours(1));
        List<Shift> shifts = schedule.layerShifts(schedule.layers().get(0),
                Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T04:00:00Z"));
        assertThat(shifts).containsExactly(
                shift("2026-10-24T22:00:00Z", "2026-10-24T23:00:00Z", "p0"),  // 00:00 CEST
                shift("2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "p1"),  // 01:00 CEST
                shift("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z", "p2"),  // 02:00 first time .. 03:00 CET
                shift("2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z", "p3"),  // 03:00 CET
                shift("2026-10-25T03:00:00Z", "2026-10-25T04:00:00Z", "p0")); // 04:00 CET
    }

    // ---- Far from the start: arithmetic, not a walk

    @Test
    void answersDecadesAfterTheStartByArithmetic() {
        Schedule schedule = single("Europe/Berlin", "2000-01-03T09:00", ShiftLength.days(1));
        // 2000-01-03 to 2026-06-15 is 9660 days; 9660 mod 4 = 0, so p0 has the turn that starts 2026-06-15 09:00 CEST
        assertThat(schedule.onCallAt(Instant.parse("2026-06-15T07:00:00Z")))
                .hasValueSatisfying(onCall -> assertThat(onCall.person()).isEqualTo("p0"));
        assertThat(schedule.onCallAt(Instant.parse("2026-06-15T06:59:59Z")))
                .hasValueSatisfying(onCall -> assertThat(onCall.person()).isEqualTo("p3"));
        Schedule hourly = single("America/New_York", "2000-01-01T00:00", ShiftLength.hours(5));
        long started = System.nanoTime();
        assertThat(hourly.onCallAt(Instant.parse("2027-12-31T12:00:00Z"))).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void nobodyBeforeTheFirstHandoff() {
        Schedule schedule = single("UTC", "2026-05-01T09:00", ShiftLength.days(1));
        assertThat(schedule.onCallAt(Instant.parse("2026-05-01T08:59:59Z"))).isEmpty();
        assertThat(schedule.shifts(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-02T00:00:00Z")))
                .containsExactly(
                        new Shift(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-01T09:00:00Z"),
                                java.util.Optional.empty()),
                        shift("2026-05-01T09:00:00Z", "2026-05-02T00:00:00Z", "p0"));
    }

    private static void assertHandoffs(String zone, String start, ShiftLength length, String... expected) {
        Schedule schedule = single(zone, start, length);
        Instant first = Instant.parse(expected[0]);
        Instant last = Instant.parse(expected[expected.length - 1]);
        List<Shift> shifts = schedule.layerShifts(schedule.layers().get(0), first, last.plusSeconds(1));
        assertThat(shifts).extracting(Shift::start)
                .containsExactlyElementsOf(java.util.Arrays.stream(expected).map(Instant::parse).toList());
        for (int i = 0; i + 1 < shifts.size(); i++) {
            assertThat(shifts.get(i).end()).as("shift %d ends where the next starts", i)
                    .isEqualTo(shifts.get(i + 1).start());
            assertThat(shifts.get(i).person()).hasValue("p" + i);
        }
        assertThat(schedule.shifts(first, last)).extracting(Shift::start)
                .containsExactlyElementsOf(java.util.Arrays.stream(expected).limit(expected.length - 1)
                        .map(Instant::parse).toList());
    }

    static Schedule single(String zone, String start, ShiftLength length) {
        Rotation rotation = new Rotation(List.of("p0", "p1", "p2", "p3"), length, LocalDateTime.parse(start));
        return new Schedule(ZoneId.of(zone), List.of(new Layer("primary", rotation, List.of())), List.of());
    }

    static Shift shift(String start, String end, String person) {
        return new Shift(Instant.parse(start), Instant.parse(end), java.util.Optional.of(person));
    }
}
