package io.tierline.escalation.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.problem.ProblemMappers;

import java.util.List;
import java.util.stream.Collectors;

/** The 422 answered for a schedule or policy that is well-formed JSON but cannot be evaluated. */
public final class Refusals {

    private Refusals() {
    }

    /** The 400 for a merged patch whose result does not read as the resource (a field of the wrong type). */
    public static ProblemException unreadable(JsonProcessingException e) {
        Problem.FieldError error = ProblemMappers.jsonError(e);
        return new ProblemException(Problem.of(400, "invalid-json", "Invalid request body",
                error.field() + ": " + error.message(), List.of(error)));
    }

    /** @param errors field path and message pairs, in the JSON's paths */
    public static ProblemException unprocessable(String what, List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return ProblemException.unprocessable("invalid-" + what.replace(' ', '-'), "Invalid " + what,
                "The " + what + " cannot be evaluated: " + detail, errors);
    }
}
