package io.tierline.escalation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.escalation.domain.StoredSchedule;
import io.tierline.escalation.mapping.ScheduleDocument;
import io.tierline.escalation.mapping.ScheduleDocument.LayerDefinition;
import io.tierline.escalation.mapping.ScheduleDocument.OverrideDefinition;
import io.tierline.escalation.mapping.ScheduleDocument.ScheduleDefinition;
import io.tierline.escalation.schedule.OnCall;
import io.tierline.escalation.schedule.Schedule;
import io.tierline.escalation.schedule.ScheduleCalendar;
import io.tierline.escalation.schedule.Schedules;
import io.tierline.platform.problem.ProblemException;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** On-call schedules: administrators write them, everyone on staff reads who is on call. */
@Cancellable(false)
@Path("/api/v1/schedules")
@Tag(name = "On-call schedules")
public class ScheduleResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String CALENDAR = "text/calendar";
    /** What the iCalendar feed covers around now: last week (what just happened) and the next 60 days. */
    static final Duration FEED_PAST = Duration.ofDays(7);
    static final Duration FEED_FUTURE = Duration.ofDays(60);
    static final Duration DEFAULT_SHIFTS = Duration.ofDays(7);
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    /** A schedule and its ETag's version. */
    public record ScheduleView(UUID id, String name, String timeZone, List<LayerDefinition> layers,
                               List<OverrideDefinition> overrides, long version, String createdBy, String updatedBy,
                               Instant createdAt, Instant updatedAt) {
    }

    /** A schedule in a list: its layers' names and how many overrides it has (GET the schedule for the rest). */
    public record ScheduleSummary(UUID id, String name, String timeZone, List<String> layers, int overrides,
                                  Instant createdAt, Instant updatedAt) {
    }

    /** What {@code PATCH /api/v1/schedules/{id}} takes. */
    @Schema(name = "ScheduleChanges", description = "A JSON merge patch (RFC 7396) of a schedule: members present are"
            + " set, absent ones left alone; layers and overrides are replaced as a whole (null removes the"
            + " overrides). The result is validated as a whole, as a new schedule would be.")
    public record ScheduleChanges(@Size(min = 1, max = ScheduleDocument.MAX_NAME) String name,
                                  @Size(max = ScheduleDocument.MAX_ZONE) String timeZone,
                                  @Size(max = ScheduleDocument.MAX_LAYERS) List<LayerDefinition> layers,
                                  @Size(max = ScheduleDocument.MAX_OVERRIDES) List<OverrideDefinition> overrides) {
    }

    /**
     * Who is on call at {@code at}: {@code person} (null when nobody is), put there by the layer named
     * {@code source} or by an override ({@code "override"}), during the shift [shiftStart, shiftEnd).
     */
    public record OnCallView(Instant at, String person, String source, Instant shiftStart, Instant shiftEnd) {
    }

    /** [start, end): {@code person} on call, or nobody (null). */
    public record ShiftView(Instant start, Instant end, String person) {
    }

    /** The final shifts tiling [from, to) with no gap: overrides and layers applied, nobody's stretches included. */
    public record ShiftsView(UUID scheduleId, String timeZone, Instant from, Instant to, List<ShiftView> shifts) {
    }

    private final Schedules schedules;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Clock clock;

    ScheduleResource(Schedules schedules, SecurityIdentity identity, ObjectMapper json, Clock clock) {
        this.schedules = schedules;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Operation(summary = "Create an on-call schedule",
            description = "Layers of rotations (participants in order, a shift length in HOURS, DAYS or WEEKS, the"
                    + " local time of the first handoff) with optional weekly restrictions, and overrides (person,"
                    + " from, to), in one IANA time zone. A schedule that cannot be evaluated (a rotation without"
                    + " participants, an unknown zone, an override ending before it starts) is a 422 naming each"
                    + " field, e.g. layers[0].rotation.participants or timeZone.")
    public Uni<RestResponse<ScheduleView>> create(@Valid @NotNull ScheduleDefinition request, UriInfo uri) {
        return schedules.create(request, identity.getPrincipal().getName())
                .map(s -> RestResponse.ResponseBuilder.<ScheduleView>created(
                                uri.getAbsolutePathBuilder().path(s.id.toString()).build())
                        .entity(view(s)).type(MediaType.APPLICATION_JSON).tag(Versions.etag(s.version)).build());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Operation(summary = "List schedules in the order they were created, a page at a time",
            description = "Pass the nextCursor of a page as cursor to get the next one; the last page has none.")
    public Uni<Page<ScheduleSummary>> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return schedules.list(Cursor.decode(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, s -> s.createdAt, s -> s.id, this::summary));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(summary = "A schedule, with its ETag for a PATCH")
    public Uni<RestResponse<ScheduleView>> get(@PathParam("id") UUID id) {
        return schedules.get(id).map(s -> RestResponse.ResponseBuilder.ok(view(s)).tag(Versions.etag(s.version))
                .build());
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Edit a schedule: name, timeZone, layers, overrides",
            description = "A JSON merge patch; the merged schedule is validated as a whole (422 naming the fields"
                    + " when it cannot be evaluated). Send If-Match with the ETag of your last GET: without it the"
                    + " answer is 428, with a stale one 412.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ScheduleChanges.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleChanges.class))})
    public Uni<RestResponse<ScheduleView>> patch(@PathParam("id") UUID id,
                                                 @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 200) String ifMatch,
                                                 String body) {
        var patch = MergePatch.document(json, body, "schedule");
        return schedules.update(id, ifMatch, patch, identity.getPrincipal().getName())
                .map(s -> RestResponse.ResponseBuilder.ok(view(s)).tag(Versions.etag(s.version)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a schedule nothing uses",
            description = "A 409 names the escalation policies that target it (or says how many teams use it):"
                    + " change those first.")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return schedules.delete(id).map(v -> RestResponse.noContent());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}/on-call")
    @Operation(summary = "Who is on call at an instant (now unless at is given)",
            description = "The person (null when nobody is), the layer that put them there or \"override\", and"
                    + " the shift they are on call for.")
    public Uni<OnCallView> onCall(@PathParam("id") UUID id,
                                  @QueryParam("at") @Parameter(description = "an ISO-8601 instant; default now")
                                  Instant at) {
        Instant when = at == null ? clock.instant() : supported("at", at);
        return schedules.get(id).map(stored -> {
            Schedule schedule = schedules.schedule(stored);
            return schedule.onCallAt(when)
                    .map(c -> new OnCallView(when, c.person(), c.source(), c.shiftStart(), c.shiftEnd()))
                    .orElse(new OnCallView(when, null, null, null, null));
        });
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}/shifts")
    @Operation(summary = "The final shifts between two instants (default: the next 7 days)",
            description = "Overrides and layers applied, consecutive shifts of one person merged, stretches with"
                    + " nobody on call listed with person null, so the shifts tile [from, to) exactly. The range"
                    + " must end after it starts and be at most 366 days long (400 otherwise).")
    public Uni<ShiftsView> shifts(@PathParam("id") UUID id,
                                  @QueryParam("from") @Parameter(description = "ISO-8601 instant; default now")
                                  Instant from,
                                  @QueryParam("to") @Parameter(description = "ISO-8601 instant; default from + 7 days")
                                  Instant to) {
        Instant start = from == null ? clock.instant() : supported("from", from);
        Instant end = to == null ? start.plus(DEFAULT_SHIFTS) : supported("to", to);
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(Schedule.MAX_RANGE) > 0) {
            throw ProblemException.badRequest("to", "must be at most " + Schedule.MAX_RANGE.toDays()
                    + " days after from");
        }
        if (end.isAfter(LATEST)) {
            throw ProblemException.badRequest("to", "must be before the year 9999");
        }
        return schedules.get(id).map(stored -> new ShiftsView(stored.id, stored.timeZone, start, end,
                schedules.schedule(stored).shifts(start, end).stream()
                        .map(s -> new ShiftView(s.start(), s.end(), s.person().orElse(null))).toList()));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}/ical")
    @Produces(CALENDAR)
    @Operation(summary = "The schedule's shifts as an iCalendar feed (last 7 days to the next 60)",
            description = "One event per shift somebody is on call for, in UTC, with UIDs that stay put while the"
                    + " shift does, for calendar apps to subscribe to. It takes the same bearer token as every"
                    + " other operation: a calendar app that cannot send one needs a proxy for now.")
    public Uni<RestResponse<String>> ical(@PathParam("id") UUID id) {
        Instant now = clock.instant();
        return schedules.get(id).map(stored -> {
            String calendar = ScheduleCalendar.render(stored.id.toString(), stored.name,
                    schedules.schedule(stored).shifts(now.minus(FEED_PAST), now.plus(FEED_FUTURE)), now);
            return RestResponse.ResponseBuilder.ok(calendar, CALENDAR + "; charset=utf-8")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"schedule-" + stored.id + ".ics\"")
                    .build();
        });
    }

    private static Instant supported(String parameter, Instant at) {
        if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
            throw ProblemException.badRequest(parameter, "must be between the years 1900 and 9998");
        }
        return at;
    }

    private ScheduleView view(StoredSchedule s) {
        ScheduleDefinition definition = schedules.definition(s);
        return new ScheduleView(s.id, s.name, s.timeZone, definition.layers(), definition.overrides(), s.version,
                s.createdBy, s.updatedBy, s.createdAt, s.updatedAt);
    }

    private ScheduleSummary summary(StoredSchedule s) {
        ScheduleDefinition definition = schedules.definition(s);
        List<String> layers = definition.layers() == null ? List.of() : definition.layers().stream()
                .map(LayerDefinition::name).toList();
        return new ScheduleSummary(s.id, s.name, s.timeZone, layers,
                definition.overrides() == null ? 0 : definition.overrides().size(), s.createdAt, s.updatedAt);
    }
}
