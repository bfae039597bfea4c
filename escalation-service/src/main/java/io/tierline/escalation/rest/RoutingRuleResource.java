package io.tierline.escalation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.routing.RoutingRuleStore;
import io.tierline.escalation.routing.RoutingRules;
import io.tierline.escalation.routing.RuleAction;
import io.tierline.escalation.routing.RuleConditions;
import io.tierline.escalation.routing.RuleInput;
import io.tierline.escalation.routing.RuleSetVersion;
import io.tierline.escalation.routing.StoredRule;
import io.tierline.escalation.routing.TicketFacts;
import io.tierline.escalation.service.EscalationService;
import io.tierline.escalation.team.TeamInfo;
import io.tierline.escalation.team.Teams;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Created;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.Versions;
import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

@Produces(MediaType.APPLICATION_JSON)
@Cancellable(false)
@Path("/api/v1/routing-rules")
@Tag(name = "Routing rules")
public class RoutingRuleResource {

    /** A new rule; {@code position} (1 is tried first) inserts it there, without one it goes after every other. */
    public record CreateRule(@Min(1) @Max(10_000) Integer position, @NotBlank @Size(max = 100) String name,
                             @Valid RuleConditions conditions, @Valid @NotNull RuleAction action) {
    }

    /** What {@code PATCH /api/v1/routing-rules/{id}} takes (read as a JSON merge patch of the rule). */
    @Schema(name = "RoutingRuleChanges", description = "A JSON merge patch (RFC 7396) of a routing rule: members present"
            + " are set, absent ones left alone, objects (conditions, action) merge member by member, null removes a"
            + " condition. Move rules with PUT /api/v1/routing-rules/order.")
    public record RuleChanges(@Size(min = 1, max = 100) String name, @Valid RuleConditions conditions,
                              @Valid RuleAction action) {
    }

    /** The new order: every rule's id once, the first to be tried first. */
    public record RuleOrder(@NotNull @Size(max = 10_000) List<@NotNull UUID> ruleIds) {
    }

    /** A rule; {@code position} counts from 1, {@code version} is its ETag. */
    public record RuleView(UUID id, int position, String name, RuleConditions conditions, RuleAction action,
                           long version, String createdBy, String updatedBy, Instant createdAt, Instant updatedAt) {
    }

    /**
     * Every rule in the order they are tried; {@code version}: the rule set's version (each change makes one); a
     * ticket none matches goes to {@code defaultTier} and {@code defaultTeam}.
     */
    public record RuleSetView(long version, Tier defaultTier, String defaultTeam, List<RuleView> rules) {
    }

    /** One kept version of the rule set: what changed, by whom, when ({@code rules} only when asked for by number). */
    public record SetVersionView(long version, String change, String changedBy, Instant changedAt, int ruleCount,
                                 List<RoutingRuleStore.SetRule> rules) {
    }

    /** Kept versions, newest first; {@code nextBefore} asks for the older ones ({@code ?before=}), absent at the end. */
    public record SetVersionPage(List<SetVersionView> items, Long nextBefore) {
    }

    /** A ticket as routing sees it; only severity and plan are required. */
    public record EvaluateRouting(@NotNull Severity severity, @NotNull Plan plan, UUID customerId,
                                  @Size(max = 100) String component,
                                  @Size(max = 50) List<@NotNull @Size(max = 50) String> tags,
                                  @Size(max = 50) String source, @Size(max = 500) String title,
                                  @Size(max = 20_000) String description) {
    }

    /**
     * The decision: where the ticket goes ({@code teamInfo}: who the team is, null when it does not exist), who would
     * be paged, the policy and runbook the deciding rule names, and why: each rule tried, the conditions that held
     * or failed.
     */
    public record EvaluationView(Tier tier, String team, String rule, boolean defaulted, String escalationPolicyId,
                                 UUID runbookArticleId, List<Responder> responders, TeamInfo teamInfo,
                                 String explanation, List<RoutingRules.RuleEvaluation> evaluations) {
    }

    private final RoutingRuleStore rules;
    private final EscalationService escalations;
    private final Teams teams;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    RoutingRuleResource(RoutingRuleStore rules, EscalationService escalations, Teams teams,
                        SecurityIdentity identity, ObjectMapper json) {
        this.rules = rules;
        this.escalations = escalations;
        this.teams = teams;
        this.identity = identity;
        this.json = json;
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Operation(summary = "The routing rules in the order they are tried, with the rule set's version")
    public Uni<RuleSetView> list() {
        return rules.list().flatMap(set -> rules.snapshot().map(current -> new RuleSetView(set.version(),
                current.rules().defaultTier(), current.rules().defaultTeam(), set.rules().stream().map(this::view)
                .toList())));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Operation(summary = "Add a routing rule, after the others or at a position",
            description = "A rule with a regular expression that does not compile, an unknown team or escalation"
                    + " policy, an unknown source or a name another rule has is a 422 naming each field at fault."
                    + " Every change makes a new version of the rule set.")
    public Uni<RestResponse<RuleView>> create(@Valid @NotNull CreateRule request, UriInfo uri) {
        return rules.create(new RuleInput(request.name(), request.conditions(), request.action()), request.position(),
                        caller())
                .map(rule -> RestResponse.ResponseBuilder.fromResponse(Created.at(uri, rule.id, view(rule)))
                        .tag(Versions.etag(rule.version)).build());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<RestResponse<RuleView>> get(@PathParam("id") UUID id) {
        return rules.get(id).map(rule -> RestResponse.ResponseBuilder.ok(view(rule))
                .tag(Versions.etag(rule.version)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Path("/{id}")
    @Consumes({TeamResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Edit a routing rule: name, conditions, action",
            description = "A JSON merge patch. Send If-Match with the ETag of your last GET: without it the answer is"
                    + " 428, with a stale one 412. Checked like a new rule (422).")
    @RequestBody(required = true, content = {
            @Content(mediaType = TeamResource.MERGE_PATCH, schema = @Schema(implementation = RuleChanges.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleChanges.class))})
    public Uni<RestResponse<RuleView>> patch(@PathParam("id") UUID id,
                                             @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 200) String ifMatch,
                                             String body) {
        JsonNode patch = MergePatch.document(json, body, "routing rule");
        return rules.update(id, ifMatch, patch, caller()).map(rule -> RestResponse.ResponseBuilder.ok(view(rule))
                .tag(Versions.etag(rule.version)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a routing rule; the rules after it move up")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return rules.delete(id, caller()).map(ignored -> RestResponse.noContent());
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/order")
    @Operation(summary = "Put the rules in a new order",
            description = "ruleIds lists every rule's id once, the first to be tried first; otherwise a 422 naming"
                    + " what is missing, unknown or repeated.")
    public Uni<RuleSetView> reorder(@Valid @NotNull RuleOrder request) {
        return rules.reorder(request.ruleIds(), caller()).flatMap(set -> rules.snapshot().map(current -> new RuleSetView(
                set.version(), current.rules().defaultTier(), current.rules().defaultTeam(),
                set.rules().stream().map(this::view).toList())));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/versions")
    @Operation(summary = "The kept versions of the rule set, newest first, a page at a time",
            description = "Pass the nextBefore of a page as before to get the older ones; the last page has none.")
    public Uni<SetVersionPage> versions(@QueryParam("before") @Min(1) Long before,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return rules.versions(before, limit + 1).map(rows -> {
            List<RuleSetVersion> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
            Long next = rows.size() > limit ? shown.get(shown.size() - 1).version : null;
            return new SetVersionPage(shown.stream().map(v -> new SetVersionView(v.version, v.change, v.changedBy,
                    v.changedAt, rules.rulesOf(v).size(), null)).toList(), next);
        });
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One kept version of the rule set, with every rule as it was")
    public Uni<SetVersionView> version(@PathParam("version") @Min(1) long version) {
        return rules.version(version).map(v -> {
            List<RoutingRuleStore.SetRule> set = rules.rulesOf(v);
            return new SetVersionView(v.version, v.change, v.changedBy, v.changedAt, set.size(), set);
        });
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @POST
    @Path("/evaluate")
    @Operation(summary = "Where a ticket like this would go under the rules as they are now, who would be paged, and why",
            description = "Changes nothing.")
    public Uni<EvaluationView> evaluate(@Valid @NotNull EvaluateRouting request) {
        TicketFacts facts = new TicketFacts(request.severity(), request.plan(), request.customerId(),
                request.component(), request.tags() == null ? null : new HashSet<>(request.tags()), request.source(),
                request.title(), request.description());
        return escalations.evaluate(facts).flatMap(evaluation -> teams.byId(evaluation.decision().team())
                .map(team -> {
                    RoutingRules.Decision decision = evaluation.decision();
                    return new EvaluationView(decision.tier(), decision.team(), decision.rule(), decision.defaulted(),
                            decision.escalationPolicyId(), decision.runbookArticleId(), evaluation.responders(),
                            team.orElse(null), decision.explanation(), decision.evaluations());
                }));
    }

    private RuleView view(StoredRule rule) {
        RuleInput input = rules.input(rule);
        return new RuleView(rule.id, rule.position, input.name(), input.conditions(), input.action(), rule.version,
                rule.createdBy, rule.updatedBy, rule.createdAt, rule.updatedAt);
    }

    private String caller() {
        return identity.getPrincipal().getName();
    }
}
