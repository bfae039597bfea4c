package io.tierline.escalation.schedule;

import java.time.Instant;
import java.util.List;

/**
 * {@code person} is on call during [from, to) instead of whoever the layers give, even where no layer is on duty.
 * Where overrides overlap, the one listed later wins.
 *
 * <p>Named {@code ScheduleOverride} rather than {@code Override}: a type called {@code Override} would shadow
 * {@link java.lang.Override} in this package and in every file importing it, breaking their {@code @Override}s.
 */
public record ScheduleOverride(String person, Instant from, Instant to) {

    void collectProblems(String path, List<FieldError> out) {
        if (person == null || person.isBlank()) {
            out.add(new FieldError(path + ".person", "must not be blank"));
        }
        if (from == null) {
            out.add(new FieldError(path + ".from", "must be given"));
        } else if (!Schedule.supported(from)) {
            out.add(new FieldError(path + ".from", Schedule.SUPPORTED_MESSAGE));
        }
        if (to == null) {
            out.add(new FieldError(path + ".to", "must be given"));
        } else if (!Schedule.supported(to)) {
            out.add(new FieldError(path + ".to", Schedule.SUPPORTED_MESSAGE));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            out.add(new FieldError(path + ".to", "must be after from"));
        }
    }

    Span span() {
        return new Span(from, to);
    }
}
