package io.tierline.escalation.routing;

/**
 * One problem with a routing rule someone submitted: {@code field} is the JSON path of the offending value as the
 * API client sent it ({@code name}, {@code conditions.text.value}, {@code rules[2].action.team}), {@code message} says
 * what is wrong in words a person editing the rule can act on. The REST layer turns a list of these into a 422.
 */
public record FieldError(String field, String message) {
}
