package io.tierline.escalation.routing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A condition on a ticket's title and description: {@code CONTAINS} a substring (ignoring case), or a Java regular
 * expression found anywhere in the text ({@code REGEX}, {@code REGEX_IGNORE_CASE}).
 */
public record RuleText(@NotNull RoutingRules.TextCondition.Mode mode,
                       @NotNull @Size(max = RoutingRules.MAX_PATTERN_LENGTH) String value) {

    public static final java.util.List<String> FIELDS = java.util.List.of("mode", "value");
}
