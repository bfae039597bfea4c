package io.tierline.escalation.schedule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of the engine over random schedules (zones with 1-hour, 30-minute and no DST, a 45-minute offset, handoff and
 * window times often inside DST gaps or overlaps) and random ranges in 2026-2027.
 */
class SchedulePropertiesTest {

    private static final List<ZoneId> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney",
            "Australia/Lord_Howe", "UTC", "Asia/Kathmandu").stream().map(ZoneId::of).toList();
    private static final Instant EARLIEST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2028-01-01T00:00:00Z");

    /** A random range and the schedule to ask about it. */
    record Case(Schedule schedule, Instant from, Instant to, List<Instant> probes) {
    }

    // ---- (1) the final shifts tile the range exactly

    @Property(tries = 200)
    void shiftsTileTheRange(@ForAll("cases") Case c) {
        List<Shift> shifts = c.schedule().shifts(c.from(), c.to());
        assertThat(shifts).isNotEmpty();
        assertThat(shifts.get(0).start()).isEqualTo(c.from());
        assertThat(shifts.get(shifts.size() - 1).end()).isEqualTo(c.to());
        for (int i = 0; i < shifts.size(); i++) {
            assertThat(shifts.get(i).start()).isBefore(shifts.get(i).end());
            if (i > 0) {
                assertThat(shifts.get(i).start()).isEqualTo(shifts.get(i - 1).end());
                assertThat(shifts.get(i).person()).as("consecutive shifts of one person are merged")
                        .isNotEqualTo(shifts.get(i - 1).person());
            }
        }
    }

    // ---- (2) every instant a layer covers has exactly one of its participants, and layerShifts agrees

    @Property(tries = 200)
    void layersHaveOneParticipantWhereverTheyCover(@ForAll("cases") Case c) {
        Schedule schedule = c.schedule();
        for (Layer layer : schedule.layers()) {
            List<Shift> shifts = schedule.layerShifts(layer, c.from(), c.to());
            for (int i = 0; i < shifts.size(); i++) {
                Shift shift = shifts.get(i);
                assertThat(shift.start()).isBefore(shift.end());
                assertThat(c.from()).isBeforeOrEqualTo(shift.start());
                assertThat(shift.end()).isBeforeOrEqualTo(c.to());
                assertThat(layer.rotation().participants()).contains(shift.person().orElseThrow());
                if (i > 0) {
                    assertThat(shifts.get(i - 1).end()).as("no overlap").isBeforeOrEqualTo(shift.start());
                }
            }
            List<Instant> probes = new ArrayList<>(c.probes());
            shifts.stream().limit(40).forEach(s -> {
                probes.add(s.start());
                probes.add(s.end().minusNanos(1));
            });
            for (Instant probe : probes) {
                Optional<String> expected = shifts.stream().filter(s -> s.contains(probe)).findFirst()
                        .flatMap(Shift::person);
                assertThat(layer.personAt(schedule.zone(), probe)).as("%s at %s", layer.name(), probe)
                        .isEqualTo(expected);
                assertThat(expected.isPresent()).as("covers %s", probe).isEqualTo(covers(schedule, layer, probe));
                expected.ifPresent(person -> assertThat(person).isEqualTo(reference(schedule, layer, probe)));
            }
        }
    }

    // ---- (3) onCallAt agrees with the final shifts

    @Property(tries = 200)
    void onCallAgreesWithShifts(@ForAll("cases") Case c) {
        List<Shift> shifts = c.schedule().shifts(c.from(), c.to());
        for (Instant probe : c.probes()) {
            Shift shift = shifts.stream().filter(s -> s.contains(probe)).findFirst().orElseThrow();
            Optional<OnCall> onCall = c.schedule().onCallAt(probe);
            assertThat(onCall.map(OnCall::person)).as("at %s", probe).isEqualTo(shift.person());
            onCall.ifPresent(o -> {
                assertThat(o.shiftStart()).isBeforeOrEqualTo(shift.start());
                assertThat(o.shiftEnd()).isAfterOrEqualTo(shift.end());
                if (shift.start().isAfter(c.from())) {
                    assertThat(o.shiftStart()).isEqualTo(shift.start());
                }
                if (shift.end().isBefore(c.to())) {
                    assertThat(o.shiftEnd()).isEqualTo(shift.end());
                }
            });
        }
    }

    // ---- (4) day and week handoffs happen at the handoff's wall-clock time, or right after a gap swallowing it

    @Property(tries = 200)
    void dailyAndWeeklyHandoffsKeepTheirWallClockTime(@ForAll("cases") Case c) {
        ZoneId zone = c.schedule().zone();
        ZoneRules rules = zone.getRules();
        for (Layer layer : c.schedule().layers()) {
            Rotation rotation = layer.rotation();
            if (rotation.length().unit() == ShiftLength.Unit.HOURS) {
                continue;
            }
            LocalTime time = rotation.start().toLocalTime();
            long period = rotation.length().amount() * (rotation.length().unit() == ShiftLength.Unit.WEEKS ? 7L : 1L);
            // half a year either side, so that every zone's gap and overlap is in range
            Instant from = c.from().minus(Duration.ofDays(180));
            for (Instant handoff : handoffs(c.schedule(), layer, from, from.plus(Duration.ofDays(360)))) {
                LocalDateTime local = LocalDateTime.ofInstant(handoff, zone);
                LocalDateTime intended = local.toLocalDate().atTime(time);
                assertThat(ChronoUnit.DAYS.between(rotation.start().toLocalDate(), local.toLocalDate()) % period)
                        .isZero();
                if (rules.getValidOffsets(intended).isEmpty()) {
                    ZoneOffsetTransition gap = rules.getTransition(intended);
                    assertThat(handoff).isEqualTo(gap.getInstant());
                    assertThat(local.toLocalTime()).isAfter(time);
                } else {
                    assertThat(local.toLocalTime()).isEqualTo(time);
                    assertThat(handoff).as("the first of two equal wall-clock times")
                            .isEqualTo(ZonedDateTime.ofLocal(intended, zone, null).toInstant());
                }
            }
        }
    }

    // ---- (5) a layer hands over to the next participant, cyclically

    @Property(tries = 200)
    void rotationsHandOverInOrder(@ForAll("cases") Case c) {
        ZoneRules rules = c.schedule().zone().getRules();
        for (Layer layer : c.schedule().layers()) {
            Layer unrestricted = new Layer(layer.name(), layer.rotation(), List.of());
            List<Shift> shifts = c.schedule().layerShifts(unrestricted, c.from(), c.to());
            List<String> participants = layer.rotation().participants();
            int n = participants.size();
            for (int i = 1; i < shifts.size(); i++) {
                Shift previous = shifts.get(i - 1);
                Shift next = shifts.get(i);
                assertThat(next.start()).isEqualTo(previous.end());
                int step = Math.floorMod(participants.indexOf(next.person().orElseThrow())
                        - participants.indexOf(previous.person().orElseThrow()), n);
                if (step != 1 % n) {
                    // only an hourly turn swallowed by a DST gap is ever skipped, at the instant the clocks jump
                    assertThat(layer.rotation().length().unit()).isEqualTo(ShiftLength.Unit.HOURS);
                    ZoneOffsetTransition jump = rules.previousTransition(next.start().plusNanos(1));
                    assertThat(jump.getInstant()).isEqualTo(next.start());
                    assertThat(jump.isGap()).isTrue();
                }
            }
        }
    }

    // ---- (6) asking about a range in two parts gives the same shifts as asking at once

    @Property(tries = 200)
    void shiftsOfAdjacentRangesJoinUp(@ForAll("cases") Case c) {
        Instant middle = c.probes().get(0);
        List<Shift> joined = new ArrayList<>(c.schedule().shifts(c.from(), middle));
        for (Shift shift : c.schedule().shifts(middle, c.to())) {
            int last = joined.size() - 1;
            if (last >= 0 && joined.get(last).person().equals(shift.person())) {
                joined.set(last, new Shift(joined.get(last).start(), shift.end(), shift.person()));
            } else {
                joined.add(shift);
            }
        }
        assertThat(joined).isEqualTo(c.schedule().shifts(c.from(), c.to()));
    }

    // ---- independent references

    /** The rotation's handoffs within [from, to), from its shifts with restrictions lifted. */
    private static List<Instant> handoffs(Schedule schedule, Layer layer, Instant from, Instant to) {
        Layer unrestricted = new Layer(layer.name(), layer.rotation(), List.of());
        return schedule.layerShifts(unrestricted, from, to).stream().map(Shift::start)
                .filter(start -> start.isAfter(from) || start.equals(layer.rotation().handoff(schedule.zone(), 0)))
                .toList();
    }

    /** Whether the layer is on duty at {@code at}, by trying each restriction's windows of the nearby days. */
    private static boolean covers(Schedule schedule, Layer layer, Instant at) {
        ZoneId zone = schedule.zone();
        if (at.isBefore(wallClock(layer.rotation().start(), zone))) {
            return false;
        }
        if (layer.restrictions().isEmpty()) {
            return true;
        }
        LocalDate today = LocalDate.ofInstant(at, zone);
        for (Restriction restriction : layer.restrictions()) {
            for (LocalDate day = today.minusDays(2); !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
                if (restriction.days().contains(day.getDayOfWeek())) {
                    Instant start = wallClock(day.atTime(restriction.start()), zone);
                    LocalDate endDay = restriction.end().isAfter(restriction.start()) ? day : day.plusDays(1);
                    Instant end = wallClock(endDay.atTime(restriction.end()), zone);
                    if (!at.isBefore(start) && at.isBefore(end)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Who the rotation has at {@code at}, by walking its handoffs from the start one at a time. */
    private static String reference(Schedule schedule, Layer layer, Instant at) {
        Rotation rotation = layer.rotation();
        long amount = rotation.length().amount();
        long k = 0;
        while (true) {
            long next = k + 1;
            LocalDateTime local = switch (rotation.length().unit()) {
                case HOURS -> rotation.start().plusHours(next * amount);
                case DAYS -> rotation.start().plusDays(next * amount);
                case WEEKS -> rotation.start().plusWeeks(next * amount);
            };
            if (wallClock(local, schedule.zone()).isAfter(at)) {
                return rotation.participants().get((int) (k % rotation.participants().size()));
            }
            k = next;
        }
    }

    /** The documented wall-clock rule, written with ZonedDateTime: strict if it can, else the gap's end. */
    private static Instant wallClock(LocalDateTime local, ZoneId zone) {
        try {
            return ZonedDateTime.ofStrict(local, zone.getRules().getOffset(local), zone).toInstant();
        } catch (DateTimeException gap) {
            return zone.getRules().getTransition(local).getInstant();
        }
    }

    // ---- generators

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(ZONES).flatMap(zone -> {
            Arbitrary<Instant> from = near(zone);
            Arbitrary<Duration> length = Arbitraries.oneOf(
                    Arbitraries.longs().between(60, 3 * 86_400L),
                    Arbitraries.longs().between(3 * 86_400L, 40 * 86_400L)).map(Duration::ofSeconds);
            Arbitrary<List<Double>> fractions = Arbitraries.doubles().between(0, 1).list().ofMinSize(1).ofMaxSize(12);
            return Combinators.combine(schedules(zone), from, length, fractions).as((schedule, start, span, where) -> {
                Instant end = start.plus(span);
                List<Instant> probes = where.stream()
                        .map(f -> start.plusMillis((long) (f * (span.toMillis() - 1)))).toList();
                return new Case(schedule, start, end, probes);
            });
        });
    }

    /** Instants in 2026-2027, half of them shortly before one of the zone's DST changes (when it has any). */
    private Arbitrary<Instant> near(ZoneId zone) {
        Arbitrary<Instant> anywhere = Arbitraries.longs().between(EARLIEST.getEpochSecond(), LATEST.getEpochSecond())
                .map(Instant::ofEpochSecond);
        List<Instant> changes = new ArrayList<>();
        for (ZoneOffsetTransition t = zone.getRules().nextTransition(EARLIEST); t != null
                && t.getInstant().isBefore(LATEST); t = zone.getRules().nextTransition(t.getInstant())) {
            changes.add(t.getInstant());
        }
        if (changes.isEmpty()) {
            return anywhere;
        }
        Arbitrary<Instant> nearChange = Combinators.combine(Arbitraries.of(changes),
                Arbitraries.longs().between(-4 * 86_400L, 3_600L)).as(Instant::plusSeconds);
        return Arbitraries.oneOf(anywhere, nearChange);
    }

    private Arbitrary<Schedule> schedules(ZoneId zone) {
        Arbitrary<List<Layer>> layers = layer().list().ofMinSize(1).ofMaxSize(3).map(SchedulePropertiesTest::named);
        Arbitrary<List<ScheduleOverride>> overrides = override(zone).list().ofMaxSize(3);
        return Combinators.combine(layers, overrides).as((l, o) -> new Schedule(zone, l, o));
    }

    /** Layer names and participants made unique per layer, so a person tells which layer they came from. */
    private static List<Layer> named(List<Layer> layers) {
        List<Layer> named = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            int layer = i;
            Rotation rotation = layers.get(i).rotation();
            List<String> people = rotation.participants().stream().map(p -> "l" + layer + p).toList();
            named.add(new Layer("layer" + i, new Rotation(people, rotation.length(), rotation.start()),
                    layers.get(i).restrictions()));
        }
        return named;
    }

    private Arbitrary<Layer> layer() {
        Arbitrary<List<String>> participants = Arbitraries.integers().between(1, 5)
                .map(n -> java.util.stream.IntStream.range(0, n).mapToObj(i -> "p" + i).toList());
        Arbitrary<ShiftLength> length = Arbitraries.oneOf(
                Arbitraries.of(1, 2, 3, 8, 12, 24, 36).map(ShiftLength::hours),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(1)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(2, 10))).map(ShiftLength::days),
                Arbitraries.integers().between(1, 3).map(ShiftLength::weeks));
        Arbitrary<LocalDate> startDay = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 730).map(d -> LocalDate.of(2025, 1, 1).plusDays(d)),
                Arbitraries.of("2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01")
                        .map(LocalDate::parse));
        Arbitrary<LocalDateTime> start = Combinators.combine(startDay, times()).as(LocalDate::atTime);
        Arbitrary<Rotation> rotation = Combinators.combine(participants, length, start).as(Rotation::new);
        Arbitrary<List<Restriction>> restrictions = Arbitraries.oneOf(
                Arbitraries.just(List.of()), restriction().list().ofMinSize(1).ofMaxSize(3));
        return Combinators.combine(rotation, restrictions).as((r, rs) -> new Layer("layer", r, rs));
    }

    private Arbitrary<Restriction> restriction() {
        Arbitrary<Set<DayOfWeek>> days = Arbitraries.oneOf(
                Arbitraries.of(DayOfWeek.class).set().ofMinSize(1).ofMaxSize(7),
                Arbitraries.of(Restriction.weekdays(LocalTime.NOON, LocalTime.NOON).days(),
                        Restriction.weekends().days()));
        return Combinators.combine(days, times(), times()).as(Restriction::new);
    }

    /** Wall-clock times, half of them at or around the DST changes of the zones above. */
    private Arbitrary<LocalTime> times() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 23),
                        Arbitraries.of(0, 15, 30, 45)).as(LocalTime::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("00:00", "01:30", "01:45", "02:00", "02:15", "02:30",
                        "02:45", "03:00").map(LocalTime::parse)));
    }

    private Arbitrary<ScheduleOverride> override(ZoneId zone) {
        Arbitrary<Instant> from = near(zone);
        Arbitrary<Long> seconds = Arbitraries.longs().between(60, 5 * 86_400L);
        return Combinators.combine(Arbitraries.of("o0", "o1", "l0p0"), from, seconds)
                .as((person, start, length) -> new ScheduleOverride(person, start, start.plusSeconds(length)));
    }
}
