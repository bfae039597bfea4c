package io.tierline.escalation.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Participants taking turns of a fixed length, in order, starting with the first participant at {@code start}.
 *
 * <p><b>Handoffs are wall-clock times.</b> Handoff {@code k} happens at the local time {@code start + k * length} in the
 * schedule's zone, for hours as well as days and weeks: a daily 09:00 handoff stays at 09:00 across DST, and a
 * 12-hour rotation keeps handing off at 09:00 and 21:00 (the night shift across a DST change lasts 11 or 13 hours).
 * The local time becomes an instant as {@link WallClock} says: in an overlap the earlier occurrence, in a gap the
 * first instant after the gap.
 *
 * <p><b>Shifts tile time from the first handoff on.</b> Shift {@code k} is [handoff k, handoff k+1) and belongs to
 * participant {@code k mod n}; each shift ends exactly where the next begins. Handoff instants never decrease, but two
 * can coincide: with hourly shifts, the 02:00 handoff on a night the clocks jump from 02:00 to 03:00 lands on the same
 * instant as the 03:00 one. The shift between them is empty and dropped, so that participant's turn is skipped that
 * round (their hour does not exist on the clock); the remaining handoffs are strictly increasing. Shift numbers stay
 * tied to wall-clock times rather than renumbered, so the rotation never drifts and who is on call at any time is a
 * matter of arithmetic.
 *
 * <p>Before the first handoff the rotation has nobody on call.
 *
 * <p>Record components are plain data and may be invalid; {@link Schedule} validates them before any computation.
 */
public record Rotation(List<String> participants, ShiftLength length, LocalDateTime start) {

    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 9998;

    public Rotation {
        participants = participants == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(participants));
    }

    void collectProblems(String path, List<FieldError> out) {
        if (participants.isEmpty()) {
            out.add(new FieldError(path + ".participants", "must name at least one participant"));
        }
        for (int i = 0; i < participants.size(); i++) {
            String participant = participants.get(i);
            if (participant == null || participant.isBlank()) {
                out.add(new FieldError(path + ".participants[" + i + "]", "must not be blank"));
            }
        }
        if (length == null) {
            out.add(new FieldError(path + ".length", "must be given"));
        } else {
            length.collectProblems(path + ".length", out);
        }
        if (start == null) {
            out.add(new FieldError(path + ".start", "must be given"));
        } else if (start.getYear() < MIN_YEAR || start.getYear() > MAX_YEAR) {
            out.add(new FieldError(path + ".start", "must be between the years " + MIN_YEAR + " and " + MAX_YEAR));
        }
    }

    /** The participant whose turn shift {@code k} is. */
    String participant(long k) {
        return participants.get((int) Math.floorMod(k, (long) participants.size()));
    }

    /** The wall-clock time of handoff {@code k}. */
    LocalDateTime localHandoff(long k) {
        long amount = length.amount();
        return switch (length.unit()) {
            case HOURS -> start.plusHours(k * amount);
            case DAYS -> start.plusDays(k * amount);
            case WEEKS -> start.plusDays(k * amount * 7);
        };
    }

    /** The instant of handoff {@code k}. */
    Instant handoff(ZoneId zone, long k) {
        return WallClock.instant(localHandoff(k), zone);
    }

    /**
     * The number of the (non-empty) shift containing {@code at}, or -1 before the first handoff. Jumps straight to the
     * right neighbourhood by counting days or hours in local time, then corrects for the zone's offset changes with a
     * step or two.
     */
    long shiftAt(ZoneId zone, Instant at) {
        if (at.isBefore(handoff(zone, 0))) {
            return -1;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long k = switch (length.unit()) {
            case HOURS -> Math.floorDiv(Duration.between(start, local).getSeconds(), length.amount() * 3600L);
            case DAYS -> Math.floorDiv(ChronoUnit.DAYS.between(start.toLocalDate(), local.toLocalDate()),
                    (long) length.amount());
            case WEEKS -> Math.floorDiv(ChronoUnit.DAYS.between(start.toLocalDate(), local.toLocalDate()),
                    length.amount() * 7L);
        };
        k = Math.max(k, 0);
        while (k > 0 && handoff(zone, k).isAfter(at)) {
            k--;
        }
        while (!handoff(zone, k + 1).isAfter(at)) {
            k++;
        }
        return k;
    }

    /** One non-empty shift of the rotation, unclipped. */
    record Turn(long number, String person, Instant start, Instant end) {
    }

    /** The non-empty shifts that overlap [from, to), in order, unclipped. */
    List<Turn> turns(ZoneId zone, Instant from, Instant to) {
        List<Turn> turns = new ArrayList<>();
        Instant first = handoff(zone, 0);
        if (!first.isBefore(to)) {
            return turns;
        }
        long k = from.isBefore(first) ? 0 : shiftAt(zone, from);
        Instant begin = handoff(zone, k);
        while (begin.isBefore(to)) {
            Instant end = handoff(zone, k + 1);
            if (end.isAfter(begin)) {
                turns.add(new Turn(k, participant(k), begin, end));
            }
            begin = end;
            k++;
        }
        return turns;
    }
}
