package io.tierline.escalation.policy;

/**
 * A refused field of a policy, named by its path ({@code levels[1].delay}, {@code ackTimeouts.SEV1}) so that a form or
 * an API problem can point at it.
 */
public record FieldError(String field, String message) {
}
