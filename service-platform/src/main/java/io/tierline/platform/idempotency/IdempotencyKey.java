package io.tierline.platform.idempotency;

import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code Idempotency-Key} header: an opaque string the client chooses once per operation it means to
 * apply once (a UUID is recommended) and sends again with every retry of that operation.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    /**
     * The key a request carries, or empty when it carries none.
     *
     * @param values every value of the header in the request (null or empty without it)
     * @throws io.tierline.platform.problem.ProblemException 400 naming the header, when the key cannot be used
     */
    public static Optional<IdempotencyKey> of(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw IdempotencyProblems.invalidKey("must be sent once");
        }
        String value = values.get(0);
        if (value == null || value.isBlank()) {
            throw IdempotencyProblems.invalidKey("must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw IdempotencyProblems.invalidKey("must be at most " + MAX_LENGTH + " characters long");
        }
        // what a header may not carry anyway, and PostgreSQL could not store (NUL)
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw IdempotencyProblems.invalidKey("must not contain control characters");
        }
        return Optional.of(new IdempotencyKey(value));
    }
}
