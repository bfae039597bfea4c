package io.tierline.escalation.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An on-call schedule: layers of rotations, lowest first, and overrides, in one time zone.
 *
 * <p>Who is on call at an instant: the person of the latest-listed override covering it; otherwise the person of the
 * highest layer on duty then; otherwise nobody. All wall-clock times (handoffs, restriction windows) are read in
 * {@link #zone()}; see {@link Rotation} and {@link WallClock} for what DST does to them.
 *
 * <p>A schedule is valid by construction: the constructor throws {@link InvalidScheduleException} with everything
 * {@link #problems(ZoneId, List, List)} finds. Queries are bounded: a range may be at most {@link #MAX_RANGE} long
 * and instants must lie in years 1900-9998, so a request can never make the engine work for long. None of them walks
 * a rotation from its start; they jump to the asked time by arithmetic.
 */
public record Schedule(ZoneId zone, List<Layer> layers, List<ScheduleOverride> overrides) {

    /** The longest range {@link #shifts} and {@link #layerShifts} answer for. */
    public static final Duration MAX_RANGE = Duration.ofDays(366);

    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");
    static final String SUPPORTED_MESSAGE = "must be between the years 1900 and 9998";

    public Schedule {
        layers = layers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(layers));
        overrides = overrides == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(overrides));
        List<FieldError> problems = problems(zone, layers, overrides);
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException(problems);
        }
    }

    /** The zone named by an IANA id such as {@code Europe/Berlin} (or an offset such as {@code +02:00}), if any. */
    public static Optional<ZoneId> zone(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Everything wrong with a schedule whose zone is still the caller's text; empty when it is fine. */
    public static List<FieldError> problems(String zone, List<Layer> layers, List<ScheduleOverride> overrides) {
        Optional<ZoneId> zoneId = zone(zone);
        List<FieldError> problems = new ArrayList<>();
        if (zoneId.isEmpty()) {
            problems.add(new FieldError("zone", zone == null || zone.isBlank() ? "must be given" : "unknown time zone"));
        }
        problems.addAll(problems(zoneId.orElse(ZoneId.of("UTC")), layers, overrides));
        return problems;
    }

    /** Everything wrong with a schedule made of these parts, each named by its field path; empty when it is fine. */
    public static List<FieldError> problems(ZoneId zone, List<Layer> layers, List<ScheduleOverride> overrides) {
        List<FieldError> problems = new ArrayList<>();
        if (zone == null) {
            problems.add(new FieldError("zone", "must be given"));
        }
        if (layers == null || layers.isEmpty()) {
            problems.add(new FieldError("layers", "must have at least one layer"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                if (layer == null) {
                    problems.add(new FieldError("layers[" + i + "]", "must be given"));
                    continue;
                }
                layer.collectProblems("layers[" + i + "]", problems);
                if (layer.name() != null && !layer.name().isBlank() && !names.add(layer.name())) {
                    problems.add(new FieldError("layers[" + i + "].name", "must differ from the other layers' names"));
                }
            }
        }
        if (overrides != null) {
            for (int i = 0; i < overrides.size(); i++) {
                ScheduleOverride override = overrides.get(i);
                if (override == null) {
                    problems.add(new FieldError("overrides[" + i + "]", "must be given"));
                } else {
                    override.collectProblems("overrides[" + i + "]", problems);
                }
            }
        }
        return problems;
    }

    /** Who is on call at {@code at}; empty when nobody is. */
    public Optional<OnCall> onCallAt(Instant at) {
        requireSupported(at, "at");
        Optional<Claim> claim = claimAt(at);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> person = Optional.of(claim.get().person());
        return Optional.of(new OnCall(person.get(), claim.get().source(), shiftStart(at, person), shiftEnd(at)));
    }

    /**
     * The final shifts tiling [from, to) exactly, overrides and layers applied: sorted, each ending where the next
     * starts, the first starting at {@code from} and the last ending at {@code to}, consecutive shifts of one person
     * merged, and stretches where nobody is on call listed as shifts with an empty person. Empty when
     * {@code from == to}.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}, the range is longer than
     *                                  {@link #MAX_RANGE}, or an instant is outside the supported years
     */
    public List<Shift> shifts(Instant from, Instant to) {
        checkRange(from, to);
        List<Shift> tiling = new ArrayList<>();
        if (from.equals(to)) {
            return tiling;
        }
        List<List<Shift>> layerPieces = new ArrayList<>();
        for (Layer layer : layers) {
            layerPieces.add(layer.shifts(zone, from, to));
        }
        List<Span> overridden = new ArrayList<>();
        List<String> overriders = new ArrayList<>();
        for (ScheduleOverride override : overrides) {
            Span span = override.span().clip(from, to);
            if (!span.isEmpty()) {
                overridden.add(span);
                overriders.add(override.person());
            }
        }
        TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
        layerPieces.forEach(pieces -> pieces.forEach(piece -> {
            cuts.add(piece.start());
            cuts.add(piece.end());
        }));
        overridden.forEach(span -> {
            cuts.add(span.start());
            cuts.add(span.end());
        });
        int[] cursors = new int[layerPieces.size()];
        Instant start = null;
        for (Instant cut : cuts) {
            if (start != null) {
                append(tiling, new Shift(start, cut, personAt(start, overridden, overriders, layerPieces, cursors)));
            }
            start = cut;
        }
        return tiling;
    }

    /**
     * One layer's shifts within [from, to): who the layer has on call while it is on duty, one shift per rotation
     * turn (cut to the layer's windows), never merged and without the stretches it is off duty.
     *
     * @throws IllegalArgumentException as {@link #shifts} does, and when the layer is invalid
     */
    public List<Shift> layerShifts(Layer layer, Instant from, Instant to) {
        checkRange(from, to);
        Objects.requireNonNull(layer, "layer");
        List<FieldError> problems = new ArrayList<>();
        layer.collectProblems("layer", problems);
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException(problems);
        }
        return from.equals(to) ? List.of() : layer.shifts(zone, from, to);
    }

    /** Whether the engine answers for this instant. */
    static boolean supported(Instant at) {
        return !at.isBefore(EARLIEST) && at.isBefore(LATEST);
    }

    private record Claim(String person, String source) {
    }

    private Optional<Claim> claimAt(Instant at) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).span().contains(at)) {
                return Optional.of(new Claim(overrides.get(i).person(), OnCall.OVERRIDE));
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            Optional<String> person = layer.personAt(zone, at);
            if (person.isPresent()) {
                return Optional.of(new Claim(person.get(), layer.name()));
            }
        }
        return Optional.empty();
    }

    /**
     * Who holds the stretch starting at {@code at} (a cut, so nothing changes inside the stretch): the latest override
     * covering it, else the highest layer with a piece there. Cursors only move forward, as {@code at} does.
     */
    private static Optional<String> personAt(Instant at, List<Span> overridden, List<String> overriders,
                                             List<List<Shift>> layerPieces, int[] cursors) {
        for (int i = overridden.size() - 1; i >= 0; i--) {
            if (overridden.get(i).contains(at)) {
                return Optional.of(overriders.get(i));
            }
        }
        Optional<String> person = Optional.empty();
        for (int i = 0; i < layerPieces.size(); i++) {
            List<Shift> pieces = layerPieces.get(i);
            while (cursors[i] < pieces.size() && !pieces.get(cursors[i]).end().isAfter(at)) {
                cursors[i]++;
            }
            if (cursors[i] < pieces.size() && pieces.get(cursors[i]).contains(at)) {
                person = pieces.get(cursors[i]).person();
            }
        }
        return person;
    }

    private static void append(List<Shift> tiling, Shift shift) {
        int last = tiling.size() - 1;
        if (last >= 0 && tiling.get(last).person().equals(shift.person())) {
            tiling.set(last, new Shift(tiling.get(last).start(), shift.end(), shift.person()));
        } else {
            tiling.add(shift);
        }
    }

    /** Where the final shift holding {@code at} ends: looks ahead a day, then twice as far, up to MAX_RANGE. */
    private Instant shiftEnd(Instant at) {
        for (Duration reach = Duration.ofDays(1); ; reach = min(reach.multipliedBy(2), MAX_RANGE)) {
            Instant horizon = at.plus(reach).isAfter(LATEST) ? LATEST : at.plus(reach);
            Shift first = shifts(at, horizon).get(0);
            if (first.end().isBefore(horizon) || reach.equals(MAX_RANGE) || horizon.equals(LATEST)) {
                return first.end();
            }
        }
    }

    /** Where the final shift holding {@code at} starts: looks back a day, then twice as far, up to MAX_RANGE. */
    private Instant shiftStart(Instant at, Optional<String> person) {
        for (Duration reach = Duration.ofDays(1); ; reach = min(reach.multipliedBy(2), MAX_RANGE)) {
            Instant horizon = at.minus(reach).isBefore(EARLIEST) ? EARLIEST : at.minus(reach);
            if (!horizon.isBefore(at)) {
                return at;
            }
            List<Shift> before = shifts(horizon, at);
            Shift last = before.get(before.size() - 1);
            if (!last.person().equals(person)) {
                return at;
            }
            if (last.start().isAfter(horizon) || reach.equals(MAX_RANGE) || horizon.equals(EARLIEST)) {
                return last.start();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void checkRange(Instant from, Instant to) {
        requireSupported(from, "from");
        requireSupported(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range must not end (" + to + ") before it starts (" + from + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("the range must be at most " + MAX_RANGE.toDays() + " days long");
        }
    }

    private static void requireSupported(Instant at, String name) {
        Objects.requireNonNull(at, name);
        if (!supported(at)) {
            throw new IllegalArgumentException(name + " " + SUPPORTED_MESSAGE + ": " + at);
        }
    }
}
