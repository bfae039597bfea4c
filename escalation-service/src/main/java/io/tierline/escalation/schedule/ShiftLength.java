package io.tierline.escalation.schedule;

import java.util.List;

/**
 * How long one participant's turn in a {@link Rotation} lasts. Days and weeks are calendar days in the schedule's zone
 * (a day across a DST change lasts 23 or 25 hours), hours are wall-clock hours too (see {@link Rotation}).
 *
 * <p>Lengths are capped at a little over a year: longer turns make no sense for on-call, and the cap keeps handoff
 * arithmetic far away from overflow.
 */
public record ShiftLength(int amount, Unit unit) {

    /** The unit of a shift length. */
    public enum Unit {
        HOURS, DAYS, WEEKS
    }

    static final int MAX_HOURS = 366 * 24;
    static final int MAX_DAYS = 366;
    static final int MAX_WEEKS = 52;

    public static ShiftLength hours(int amount) {
        return new ShiftLength(amount, Unit.HOURS);
    }

    public static ShiftLength days(int amount) {
        return new ShiftLength(amount, Unit.DAYS);
    }

    public static ShiftLength weeks(int amount) {
        return new ShiftLength(amount, Unit.WEEKS);
    }

    void collectProblems(String path, List<FieldError> out) {
        if (unit == null) {
            out.add(new FieldError(path + ".unit", "must be one of HOURS, DAYS, WEEKS"));
        }
        if (amount <= 0) {
            out.add(new FieldError(path, "shift length must be positive"));
        } else if (unit != null && amount > max(unit)) {
            out.add(new FieldError(path, "shift length must be at most " + max(unit) + " " + unit.name().toLowerCase()));
        }
    }

    private static int max(Unit unit) {
        return switch (unit) {
            case HOURS -> MAX_HOURS;
            case DAYS -> MAX_DAYS;
            case WEEKS -> MAX_WEEKS;
        };
    }
}
