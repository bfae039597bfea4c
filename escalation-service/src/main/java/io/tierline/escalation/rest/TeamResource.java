package io.tierline.escalation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.team.Team;
import io.tierline.escalation.team.TeamPatch;
import io.tierline.escalation.team.Teams;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Created;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.Page;
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
import java.util.List;
import java.util.UUID;

@Produces(MediaType.APPLICATION_JSON) // Page<...> answers do not tell it by themselves
@Cancellable(false)
@Path("/api/v1/teams")
@Tag(name = "Teams")
public class TeamResource {

    /** The media type of a JSON merge patch (RFC 7396). */
    static final String MERGE_PATCH = "application/merge-patch+json";

    /**
     * {@code id}: a slug (lower-case letters, digits, dashes) that rules and events name the team by; {@code members}:
     * person ids as notification-service knows them, in paging order.
     */
    public record CreateTeam(@NotBlank @Size(max = Teams.MAX_ID) String id,
                             @NotBlank @Size(max = Teams.MAX_NAME) String name, @NotNull Tier tier,
                             @Size(min = 1, max = Teams.MAX_PRODUCT_AREA) String productArea,
                             @Size(max = Teams.MAX_MEMBERS)
                             List<@NotBlank @Size(max = Teams.MAX_PERSON_ID) String> members,
                             @Size(min = 1, max = Teams.MAX_POLICY_ID) String escalationPolicyId,
                             UUID scheduleId) {
    }

    /** A team and who is paged for it ({@code onCall}: its members, in paging order). */
    public record TeamView(String id, String name, Tier tier, String productArea, List<String> members,
                           List<Responder> onCall, String escalationPolicyId, UUID scheduleId, String createdBy,
                           String updatedBy, Instant createdAt, Instant updatedAt) {
        static TeamView of(Team t) {
            return new TeamView(t.id, t.name, t.tier, t.productArea, t.members(), t.info().responders(),
                    t.escalationPolicyId, t.scheduleId, t.createdBy, t.updatedBy, t.createdAt, t.updatedAt);
        }
    }

    /** What {@code PATCH /api/v1/teams/{id}} takes (the body is read by {@link TeamPatch}). */
    @Schema(name = "TeamChanges", description = "A JSON merge patch (RFC 7396) of a team: members present are set,"
            + " absent ones left alone; name and tier cannot be removed, null clears the others.")
    public record TeamChanges(@Size(min = 1, max = Teams.MAX_NAME) String name, Tier tier,
                              @Size(min = 1, max = Teams.MAX_PRODUCT_AREA) String productArea,
                              @Size(max = Teams.MAX_MEMBERS)
                              List<@Size(min = 1, max = Teams.MAX_PERSON_ID) String> members,
                              @Size(min = 1, max = Teams.MAX_POLICY_ID) String escalationPolicyId,
                              UUID scheduleId) {
    }

    private static final String SORT = "id";

    private final Teams teams;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    TeamResource(Teams teams, SecurityIdentity identity, ObjectMapper json) {
        this.teams = teams;
        this.identity = identity;
        this.json = json;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Operation(summary = "Create a team",
            description = "A taken id is a 409; an id that is no slug, or an escalation policy that does not exist, a"
                    + " 422 naming the field.")
    public Uni<RestResponse<TeamView>> create(@Valid @NotNull CreateTeam request, UriInfo uri) {
        return teams.create(new Teams.NewTeam(request.id(), request.name(), request.tier(), request.productArea(),
                        request.members(), request.escalationPolicyId(), request.scheduleId(), caller()))
                .map(t -> RestResponse.ResponseBuilder.fromResponse(Created.at(uri, t.id, TeamView.of(t)))
                        .tag(Versions.etag(t.version)).build());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Operation(summary = "Teams by id, a page at a time",
            description = "Pass the nextCursor of a page as cursor to get the next one; the last page has none.")
    public Uni<Page<TeamView>> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return teams.list(after(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, t -> new Cursor(SORT + ":" + t.id, Instant.EPOCH, new UUID(0, 0)),
                        TeamView::of));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<RestResponse<TeamView>> get(@PathParam("id") @Size(max = Teams.MAX_ID) String id) {
        return teams.get(id).map(t -> RestResponse.ResponseBuilder.ok(TeamView.of(t))
                .tag(Versions.etag(t.version)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Edit a team: name, tier, product area, members, escalation policy, schedule",
            description = "A JSON merge patch. Send If-Match with the ETag of your last GET: without it the answer is"
                    + " 428, with a stale one 412.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = TeamChanges.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamChanges.class))})
    public Uni<RestResponse<TeamView>> patch(@PathParam("id") @Size(max = Teams.MAX_ID) String id,
                                             @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 200) String ifMatch,
                                             String body) {
        TeamPatch patch = TeamPatch.parse(MergePatch.document(json, body, "team"));
        return teams.update(id, ifMatch, patch, caller()).map(t -> RestResponse.ResponseBuilder.ok(TeamView.of(t))
                .tag(Versions.etag(t.version)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a team",
            description = "A team a routing rule routes to, or the configured default team, is kept: 409.")
    public Uni<RestResponse<Void>> delete(@PathParam("id") @Size(max = Teams.MAX_ID) String id) {
        return teams.delete(id).map(ignored -> RestResponse.noContent());
    }

    private String caller() {
        return identity.getPrincipal().getName();
    }

    /** The id a cursor this list gave out ends at; null for the first page. */
    private static String after(String cursor) {
        Cursor decoded = Cursor.decode(cursor, SORT);
        if (decoded == null) {
            return null;
        }
        String id = decoded.key().startsWith(SORT + ":") ? decoded.key().substring(SORT.length() + 1) : "";
        if (!Teams.ID.matcher(id).matches()) {
            throw ProblemException.badRequest(Cursor.PARAMETER, "is not a cursor this list gave out (pass the"
                    + " nextCursor of the previous page as it is)");
        }
        return id;
    }
}
