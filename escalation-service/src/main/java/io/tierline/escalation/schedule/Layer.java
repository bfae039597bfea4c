package io.tierline.escalation.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One rotation with the hours it is on duty. With no restrictions it is on duty all the time (from its rotation's
 * first handoff on); otherwise during any of its restrictions' windows. While on duty the rotation's current
 * participant is on call for this layer.
 */
public record Layer(String name, Rotation rotation, List<Restriction> restrictions) {

    public Layer {
        restrictions = restrictions == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(restrictions));
    }

    void collectProblems(String path, List<FieldError> out) {
        if (name == null || name.isBlank()) {
            out.add(new FieldError(path + ".name", "must not be blank"));
        } else if (OnCall.OVERRIDE.equals(name)) {
            out.add(new FieldError(path + ".name", "\"" + OnCall.OVERRIDE + "\" is reserved for overrides"));
        }
        if (rotation == null) {
            out.add(new FieldError(path + ".rotation", "must be given"));
        } else {
            rotation.collectProblems(path + ".rotation", out);
        }
        for (int i = 0; i < restrictions.size(); i++) {
            Restriction restriction = restrictions.get(i);
            if (restriction == null) {
                out.add(new FieldError(path + ".restrictions[" + i + "]", "must be given"));
            } else {
                restriction.collectProblems(path + ".restrictions[" + i + "]", out);
            }
        }
    }

    /** When this layer is on duty within [from, to): sorted, disjoint, non-adjacent spans. */
    List<Span> duty(ZoneId zone, Instant from, Instant to) {
        Instant first = rotation.handoff(zone, 0);
        Instant begin = from.isBefore(first) ? first : from;
        if (!begin.isBefore(to)) {
            return List.of();
        }
        if (restrictions.isEmpty()) {
            return List.of(new Span(begin, to));
        }
        List<Span> windows = new ArrayList<>();
        for (Restriction restriction : restrictions) {
            restriction.windows(zone, begin, to, windows);
        }
        return Span.union(windows);
    }

    /** Who this layer has on call at {@code at}, if it is on duty then. */
    Optional<String> personAt(ZoneId zone, Instant at) {
        if (duty(zone, at, at.plusNanos(1)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rotation.participant(rotation.shiftAt(zone, at)));
    }

    /**
     * This layer's shifts within [from, to): the rotation's shifts cut to the duty windows, one per piece, never
     * merged (so every handoff stays visible, even from a participant to the same participant).
     */
    List<Shift> shifts(ZoneId zone, Instant from, Instant to) {
        List<Span> duty = duty(zone, from, to);
        List<Shift> shifts = new ArrayList<>();
        if (duty.isEmpty()) {
            return shifts;
        }
        List<Rotation.Turn> turns = rotation.turns(zone, duty.get(0).start(), duty.get(duty.size() - 1).end());
        int t = 0;
        for (Span window : duty) {
            while (t < turns.size() && !turns.get(t).end().isAfter(window.start())) {
                t++;
            }
            for (int i = t; i < turns.size() && turns.get(i).start().isBefore(window.end()); i++) {
                Rotation.Turn turn = turns.get(i);
                Span piece = new Span(turn.start(), turn.end()).clip(window.start(), window.end());
                if (!piece.isEmpty()) {
                    shifts.add(new Shift(piece.start(), piece.end(), Optional.of(turn.person())));
                }
            }
        }
        return shifts;
    }
}
