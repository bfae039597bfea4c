package io.tierline.escalation.schedule;

/**
 * One thing wrong with a schedule, named by the path of the offending field (for example
 * {@code layers[0].rotation.participants}) so that an API can point the caller at it.
 */
public record FieldError(String field, String message) {
}
