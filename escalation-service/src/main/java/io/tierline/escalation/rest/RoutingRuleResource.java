package io.tierline.escalation.rest;

import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.common.annotation.NonBlocking;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.routing.RoutingRules;
import io.tierline.escalation.service.EscalationService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@Path("/api/v1/routing-rules")
@Tag(name = "Routing rules")
public class RoutingRuleResource {

    /** A rule as configured; empty severities or plans mean "any". {@code position} counts from 1. */
    public record RuleView(int position, String name, Set<Severity> severities, Set<Plan> plans, Tier tier,
                           String team) {
    }

    public record EvaluateRouting(@NotNull Severity severity, @NotNull Plan plan) {
    }

    public record EvaluationView(Tier tier, String team, String rule, boolean defaulted, List<Responder> responders,
                                 String explanation, List<RoutingRules.RuleEvaluation> evaluations) {
    }

    private final RoutingRules rules;
    private final EscalationService escalations;

    RoutingRuleResource(RoutingRules rules, EscalationService escalations) {
        this.rules = rules;
        this.escalations = escalations;
    }

    /** The configured rules in the order they are tried; a ticket none matches goes to the default tier and team. */
    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @NonBlocking
    public List<RuleView> list() {
        List<RuleView> views = new ArrayList<>();
        for (RoutingRules.Rule rule : rules.rules()) {
            views.add(new RuleView(views.size() + 1, rule.name(), rule.conditions().severities(),
                    rule.conditions().plans(), rule.action().tier(), rule.action().team()));
        }
        return views;
    }

    /** Where a ticket of this severity and plan would go, who would be paged, and why. Changes nothing. */
    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @POST
    @Path("/evaluate")
    @NonBlocking
    public EvaluationView evaluate(@Valid @NotNull EvaluateRouting request) {
        EscalationService.Evaluation evaluation = escalations.evaluate(request.severity(), request.plan());
        RoutingRules.Decision decision = evaluation.decision();
        return new EvaluationView(decision.tier(), decision.team(), decision.rule(), decision.defaulted(),
                evaluation.responders(), decision.explanation(), decision.evaluations());
    }
}
