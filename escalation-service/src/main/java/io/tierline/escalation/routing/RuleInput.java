package io.tierline.escalation.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A routing rule's content as an API client writes it: name, conditions (absent: every ticket) and action. */
public record RuleInput(@NotBlank @Size(max = 100) String name, @Valid RuleConditions conditions,
                        @Valid @NotNull RuleAction action) {

    public static final List<String> FIELDS = List.of("name", "conditions", "action");

    public RuleInput {
        conditions = conditions == null ? RuleConditions.NONE : conditions;
    }

    public RoutingRules.RuleDraft draft() {
        return new RoutingRules.RuleDraft(name, conditions.toConditions(), action == null ? null : action.toAction());
    }
}
