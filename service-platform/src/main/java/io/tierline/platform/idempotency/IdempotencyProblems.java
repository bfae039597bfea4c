package io.tierline.platform.idempotency;

import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;

import java.util.List;

/** The refusals of the {@code Idempotency-Key} mechanism; each names the header. */
final class IdempotencyProblems {

    /** 400: the key cannot be used as sent. */
    static ProblemException invalidKey(String message) {
        return ProblemException.badRequest(IdempotencyKey.HEADER, message);
    }

    /** 409: a request with this key is still being processed; retry once it has answered. */
    static ProblemException inUse() {
        return new ProblemException(Problem.of(409, "idempotency-key-in-use", "Idempotency key in use",
                "A request with this " + IdempotencyKey.HEADER + " is still being processed; retry later to get "
                        + "its answer",
                List.of(new Problem.FieldError(IdempotencyKey.HEADER, "is in use by a request still in progress"))));
    }

    /** 422: the key was first sent with another request (method, path or body). */
    static ProblemException reused() {
        return ProblemException.unprocessable("idempotency-key-reused", "Idempotency key reused",
                "This " + IdempotencyKey.HEADER + " was first sent with a different request (method, path or body); "
                        + "use a new key for a new request",
                List.of(new Problem.FieldError(IdempotencyKey.HEADER, "was used for a different request")));
    }

    /**
     * 409: the request with this key was applied, but its answer held a secret (it was marked
     * {@code Cache-Control: no-store}), which is not kept to be sent again.
     */
    static ProblemException answerNotKept() {
        return new ProblemException(Problem.of(409, "idempotency-answer-not-kept", "Idempotent answer not kept",
                "The request with this " + IdempotencyKey.HEADER + " was applied, but its answer held a secret that "
                        + "is not kept; read the resource instead (see Location)",
                List.of(new Problem.FieldError(IdempotencyKey.HEADER, "was used for a request already applied"))));
    }

    private IdempotencyProblems() {
    }
}
