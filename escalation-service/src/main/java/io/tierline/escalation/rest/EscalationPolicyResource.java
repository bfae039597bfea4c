package io.tierline.escalation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Severity;
import io.tierline.escalation.domain.StoredPolicy;
import io.tierline.escalation.mapping.PolicyDocument;
import io.tierline.escalation.mapping.PolicyDocument.LevelDefinition;
import io.tierline.escalation.mapping.PolicyDocument.PolicyDefinition;
import io.tierline.escalation.mapping.PolicyDocument.TargetDefinition;
import io.tierline.escalation.mapping.PolicyDocument.TierMoveDefinition;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.policy.OnCallGaps;
import io.tierline.escalation.people.People;
import io.tierline.escalation.policy.Policies;
import io.tierline.escalation.policy.Urgency;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.Page;
import io.tierline.platform.rest.Versions;
import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Escalation policies: administrators write them, everyone on staff reads them and checks their coverage. */
@Cancellable(false)
@Path("/api/v1/escalation-policies")
@Tag(name = "Escalation policies")
public class EscalationPolicyResource {

    /** The sort key of the list's cursors: policies are listed by id. */
    static final String BY_ID = "id";

    /**
     * A policy as stored, and its ETag's version. {@code urgency} lists every severity (those the policy left out
     * with their default).
     */
    public record PolicyView(String id, String name, List<LevelDefinition> levels, int repeats,
                             Map<Severity, Urgency> urgency, Map<Severity, Duration> ackTimeouts,
                             List<TierMoveDefinition> tierMoves, long version, String createdBy, String updatedBy,
                             Instant createdAt, Instant updatedAt) {
    }

    /** A policy in a list. */
    public record PolicySummary(String id, String name, int levels, int repeats, Instant createdAt,
                                Instant updatedAt) {
    }

    /** What {@code PATCH /api/v1/escalation-policies/{id}} takes. */
    @Schema(name = "EscalationPolicyChanges", description = "A JSON merge patch (RFC 7396) of a policy: members"
            + " present are set, absent ones left alone; levels and tierMoves are replaced as a whole, urgency and"
            + " ackTimeouts merged per severity (null removes one). The id cannot change. The result is validated"
            + " as a whole, as a new policy would be.")
    public record PolicyChanges(@Size(min = 1, max = PolicyDocument.MAX_NAME) String name,
                                @Size(max = PolicyDocument.MAX_LEVELS) List<LevelDefinition> levels,
                                Integer repeats,
                                @Size(max = 4) Map<Severity, Urgency> urgency,
                                @Size(max = 4) Map<Severity, Duration> ackTimeouts,
                                @Size(max = PolicyDocument.MAX_TIER_MOVES) List<TierMoveDefinition> tierMoves) {
    }

    /**
     * Level {@code level}'s target {@code targetIndex} ({@code field} is its path in the policy) reaches nobody
     * ({@code NOBODY_ON_CALL}) or people without a contact method ({@code NO_CONTACT_METHOD}, {@code people})
     * during [from, until); {@code levelUncovered}: no other target of the level makes up for it meanwhile.
     */
    public record GapView(int level, int targetIndex, String field, TargetDefinition target,
                          OnCallGaps.Problem problem, List<String> people, boolean levelUncovered, Instant from,
                          Instant until) {
        static GapView of(OnCallGaps.Gap gap) {
            return new GapView(gap.level(), gap.targetIndex(), PolicyDocument.targetPath(gap.level(),
                    gap.targetIndex()), PolicyDocument.definition(gap.target()), gap.problem(), gap.people(),
                    gap.levelUncovered(), gap.from(), gap.until());
        }
    }

    /** A policy's coverage over [from, until): {@code covered} when no gap was found. */
    public record CheckView(String policyId, Instant from, Instant until, boolean covered, List<GapView> gaps) {
    }

    private final Policies policies;
    private final People people;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    EscalationPolicyResource(Policies policies, People people, SecurityIdentity identity, ObjectMapper json) {
        this.policies = policies;
        this.people = people;
        this.identity = identity;
        this.json = json;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Operation(summary = "Create an escalation policy under an id of your choice",
            description = "Levels (targets: {\"type\":\"schedule\",\"id\":\"<schedule UUID>\"}, {\"type\":\"person\","
                    + "\"id\":\"alice\"} or {\"type\":\"team\",\"id\":\"core\"}; delay: ISO-8601, at least the"
                    + " configured tierline.escalation.min-level-delay), repeats (0 to 10), urgency and ackTimeouts"
                    + " per severity, tierMoves. A taken id is a 409; a policy that cannot run (no levels, a zero"
                    + " delay, repeats out of range, a schedule target naming no schedule) a 422 naming each field.")
    public Uni<RestResponse<PolicyView>> create(@Valid @NotNull PolicyDefinition request, UriInfo uri) {
        return policies.create(request, identity.getPrincipal().getName())
                .map(p -> RestResponse.ResponseBuilder.<PolicyView>created(
                                uri.getAbsolutePathBuilder().path(p.id).build())
                        .entity(view(p)).type(MediaType.APPLICATION_JSON).tag(Versions.etag(p.version)).build());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Operation(summary = "List escalation policies by id, a page at a time",
            description = "Pass the nextCursor of a page as cursor to get the next one; the last page has none.")
    public Uni<Page<PolicySummary>> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Cursor after = Cursor.decode(cursor, BY_ID);
        return policies.list(after == null ? null : after.key().substring(BY_ID.length() + 1), limit + 1)
                .map(rows -> Page.of(rows, limit,
                        p -> new Cursor(BY_ID + ":" + p.id, Instant.EPOCH, new UUID(0, 0)), this::summary));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(summary = "An escalation policy, with its ETag for a PATCH")
    public Uni<RestResponse<PolicyView>> get(@PathParam("id") @Size(max = PolicyDocument.MAX_ID) String id) {
        return policies.get(id).map(p -> RestResponse.ResponseBuilder.ok(view(p)).tag(Versions.etag(p.version))
                .build());
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Path("/{id}")
    @Consumes({ScheduleResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Edit an escalation policy: name, levels, repeats, urgency, ackTimeouts, tierMoves",
            description = "A JSON merge patch; the merged policy is validated as a whole (422 naming the fields"
                    + " when it cannot run). Send If-Match with the ETag of your last GET: without it the answer is"
                    + " 428, with a stale one 412.")
    @RequestBody(required = true, content = {
            @Content(mediaType = ScheduleResource.MERGE_PATCH, schema = @Schema(implementation = PolicyChanges.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyChanges.class))})
    public Uni<RestResponse<PolicyView>> patch(@PathParam("id") @Size(max = PolicyDocument.MAX_ID) String id,
                                               @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 200) String ifMatch,
                                               String body) {
        var patch = MergePatch.document(json, body, "escalation policy");
        return policies.update(id, ifMatch, patch, identity.getPrincipal().getName())
                .map(p -> RestResponse.ResponseBuilder.ok(view(p)).tag(Versions.etag(p.version)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an escalation policy no team uses", description = "A 409 when a team uses it.")
    public Uni<RestResponse<Void>> delete(@PathParam("id") @Size(max = PolicyDocument.MAX_ID) String id) {
        return policies.delete(id).map(v -> RestResponse.noContent());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}/check")
    @Operation(summary = "Where the policy's levels would reach nobody in the next days",
            description = "Every level target, and the stretch of time, where the target resolves to nobody (an"
                    + " uncovered stretch of a schedule, a team without a schedule) or to people without a contact"
                    + " method (as notification-service announced them; a person it never announced has none).")
    public Uni<CheckView> check(@PathParam("id") @Size(max = PolicyDocument.MAX_ID) String id,
                                @QueryParam("days") @DefaultValue("7") @Min(1) @Max(90) int days) {
        return people.reachable().flatMap(reachable -> policies.check(id, days, reachable::contains))
                .map(check -> new CheckView(check.policy().id, check.from(), check.until(), check.gaps().isEmpty(),
                        check.gaps().stream().map(GapView::of).toList()));
    }

    private PolicyView view(StoredPolicy p) {
        PolicyDefinition definition = policies.definition(p);
        EscalationPolicy policy = policies.policy(p);
        return new PolicyView(p.id, p.name, definition.levels(), policy.repeats(), policy.urgency(),
                definition.ackTimeouts() == null ? Map.of() : definition.ackTimeouts(),
                definition.tierMoves() == null ? List.of() : definition.tierMoves(), p.version, p.createdBy,
                p.updatedBy, p.createdAt, p.updatedAt);
    }

    private PolicySummary summary(StoredPolicy p) {
        PolicyDefinition definition = policies.definition(p);
        return new PolicySummary(p.id, p.name, definition.levels() == null ? 0 : definition.levels().size(),
                definition.repeats() == null ? 0 : definition.repeats(), p.createdAt, p.updatedAt);
    }
}
