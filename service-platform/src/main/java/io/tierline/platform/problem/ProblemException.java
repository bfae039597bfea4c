package io.tierline.platform.problem;

import java.util.List;

/** A domain refusal that becomes a problem answer; the message is safe to show to the caller. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problem.of(404, "not-found", what + " not found",
                "No " + what.toLowerCase() + " with id " + id, List.of()));
    }

    public static ProblemException unprocessable(String slug, String title, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(422, slug, title, detail, errors));
    }

    /** 403 for what the caller asks, though its role may call the operation (another customer, an internal note). */
    public static ProblemException forbidden(String field, String message) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", field + ": " + message,
                List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.invalid(field, message));
    }
}
