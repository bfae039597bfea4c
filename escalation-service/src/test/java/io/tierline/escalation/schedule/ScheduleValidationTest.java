package io.tierline.escalation.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleValidationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Rotation ROTATION =
            new Rotation(List.of("ann"), ShiftLength.days(1), LocalDateTime.parse("2026-01-01T09:00"));
    private static final Layer LAYER = new Layer("primary", ROTATION, List.of());

    @Test
    void aGoodScheduleHasNoProblems() {
        assertThat(Schedule.problems("Europe/Berlin", List.of(LAYER), List.of())).isEmpty();
        assertThat(new Schedule(BERLIN, List.of(LAYER), null).overrides()).isEmpty();
    }

    @Test
    void zonesAreParsedOrReported() {
        assertThat(Schedule.zone("Australia/Lord_Howe")).contains(ZoneId.of("Australia/Lord_Howe"));
        assertThat(Schedule.zone(" Asia/Kathmandu ")).contains(ZoneId.of("Asia/Kathmandu"));
        assertThat(Schedule.zone("Mars/Olympus_Mons")).isEmpty();
        assertThat(Schedule.zone("")).isEmpty();
        assertThat(Schedule.zone(null)).isEmpty();
        assertThat(Schedule.problems("Mars/Olympus_Mons", List.of(LAYER), List.of()))
                .containsExactly(new FieldError("zone", "unknown time zone"));
        assertThat(Schedule.problems((String) null, List.of(LAYER), List.of()))
                .containsExactly(new FieldError("zone", "must be given"));
    }

    @Test
    void rotationProblemsNameTheirField() {
        Layer layer = new Layer("primary",
                new Rotation(List.of(), new ShiftLength(0, ShiftLength.Unit.HOURS), null), List.of());
        assertThat(Schedule.problems(BERLIN, List.of(LAYER, layer), List.of())).containsExactly(
                new FieldError("layers[1].rotation.participants", "must name at least one participant"),
                new FieldError("layers[1].rotation.length", "shift length must be positive"),
                new FieldError("layers[1].rotation.start", "must be given"),
                new FieldError("layers[1].name", "must differ from the other layers' names"));
        Layer blanks = new Layer(" ", new Rotation(Arrays.asList("ann", " ", null), new ShiftLength(53, null),
                LocalDateTime.parse("2026-01-01T09:00")), null);
        assertThat(Schedule.problems(BERLIN, List.of(blanks), List.of())).containsExactly(
                new FieldError("layers[0].name", "must not be blank"),
                new FieldError("layers[0].rotation.participants[1]", "must not be blank"),
                new FieldError("layers[0].rotation.participants[2]", "must not be blank"),
                new FieldError("layers[0].rotation.length.unit", "must be one of HOURS, DAYS, WEEKS"));
        assertThat(Schedule.problems(BERLIN, List.of(new Layer("l", new Rotation(List.of("a"),
                ShiftLength.weeks(53), LocalDateTime.parse("2026-01-01T09:00")), List.of())), List.of()))
                .containsExactly(new FieldError("layers[0].rotation.length", "shift length must be at most 52 weeks"));
    }

    @Test
    void restrictionCoveringNoTimeIsReported() {
        Layer layer = new Layer("primary", ROTATION,
                List.of(Restriction.weekends(), new Restriction(Set.of(), LocalTime.of(9, 0), null)));
        assertThat(Schedule.problems(BERLIN, List.of(layer), List.of())).containsExactly(
                new FieldError("layers[0].restrictions[1].days",
                        "must name at least one day (the window would cover no time)"),
                new FieldError("layers[0].restrictions[1].end", "must be given"));
    }

    @Test
    void overrideMustEndAfterItStarts() {
        Instant noon = Instant.parse("2026-03-02T12:00:00Z");
        assertThat(Schedule.problems(BERLIN, List.of(LAYER), List.of(
                new ScheduleOverride("ann", noon, noon.plusSeconds(1)),
                new ScheduleOverride("bob", noon, noon),
                new ScheduleOverride("", noon.plusSeconds(1), noon)))).containsExactly(
                new FieldError("overrides[1].to", "must be after from"),
                new FieldError("overrides[2].person", "must not be blank"),
                new FieldError("overrides[2].to", "must be after from"));
    }

    @Test
    void scheduleNeedsAZoneAndALayerAndReservesTheOverrideName() {
        assertThat(Schedule.problems((ZoneId) null, List.of(), List.of())).containsExactly(
                new FieldError("zone", "must be given"),
                new FieldError("layers", "must have at least one layer"));
        assertThat(Schedule.problems(BERLIN, List.of(new Layer("override", ROTATION, List.of())), List.of()))
                .containsExactly(new FieldError("layers[0].name", "\"override\" is reserved for overrides"));
    }

    @Test
    void constructorRefusesAnInvalidScheduleWithAllItsProblems() {
        Layer empty = new Layer("primary", new Rotation(List.of(), ShiftLength.days(0),
                LocalDateTime.parse("2026-01-01T09:00")), List.of());
        assertThatThrownBy(() -> new Schedule(BERLIN, List.of(empty), List.of()))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("layers[0].rotation.participants", "layers[0].rotation.length"));
    }
}
