package io.tierline.escalation.routing;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * The conditions of a routing rule as the API takes and shows them (and the database keeps them): every one optional,
 * an absent or empty list meaning the rule does not care. See {@link RoutingRules.Conditions} for what each means.
 */
public record RuleConditions(@Size(max = 4) List<@NotNull Severity> severities,
                             @Size(max = 10) List<@NotNull Plan> plans,
                             @Size(max = 100) List<@NotNull UUID> customers,
                             @Size(max = 50) List<@NotBlank @Size(max = 100) String> components,
                             @Size(max = 50) List<@NotBlank @Size(max = 50) String> tagsAnyOf,
                             @Size(max = 50) List<@NotBlank @Size(max = 50) String> tagsAllOf,
                             @Size(max = 10) List<@NotBlank @Size(max = 50) String> sources,
                             @Valid RuleText text) {

    public static final List<String> FIELDS = List.of("severities", "plans", "customers", "components", "tagsAnyOf",
            "tagsAllOf", "sources", "text");

    public static final RuleConditions NONE = new RuleConditions(null, null, null, null, null, null, null, null);

    /** Absent lists as empty ones, so a rule reads the same however it was written. */
    public RuleConditions {
        severities = orEmpty(severities);
        plans = orEmpty(plans);
        customers = orEmpty(customers);
        components = orEmpty(components);
        tagsAnyOf = orEmpty(tagsAnyOf);
        tagsAllOf = orEmpty(tagsAllOf);
        sources = orEmpty(sources);
    }

    public RoutingRules.Conditions toConditions() {
        return new RoutingRules.Conditions(new LinkedHashSet<>(severities), new LinkedHashSet<>(plans),
                new LinkedHashSet<>(customers), new LinkedHashSet<>(components), new LinkedHashSet<>(tagsAnyOf),
                new LinkedHashSet<>(tagsAllOf), new LinkedHashSet<>(sources),
                text == null ? null : new RoutingRules.TextCondition(text.mode(), text.value()));
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values.stream().toList();
    }
}
