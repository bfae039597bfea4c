package io.tierline.escalation.schedule;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a {@link Schedule} is built from parts that {@link Schedule#problems} rejects; carries every problem, not
 * just the first, so a caller that skipped validation still learns all of them at once.
 */
public final class InvalidScheduleException extends IllegalArgumentException {

    private final transient List<FieldError> errors;

    public InvalidScheduleException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
