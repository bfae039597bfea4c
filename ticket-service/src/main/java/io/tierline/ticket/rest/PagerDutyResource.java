package io.tierline.ticket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.batch.Overloaded;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemMappers;
import io.tierline.platform.ratelimit.LimitKind;
import io.tierline.platform.ratelimit.LimitsItsOwnRate;
import io.tierline.platform.ratelimit.Priority;
import io.tierline.platform.ratelimit.RateLimitedException;
import io.tierline.platform.ratelimit.RateLimiter;
import io.tierline.ticket.intake.IncidentIntake;
import io.tierline.ticket.intake.PagerDutyEvent;
import io.tierline.ticket.service.IntegrationService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.util.List;
import java.util.Map;

/**
 * The PagerDuty Events API v2 ({@code POST /v2/enqueue}): point any tool that can send PagerDuty events at
 * {@code /integrations/pagerduty/v2/enqueue} with an integration key as its {@code routing_key}. Answers are
 * PagerDuty's, not problem documents, because that is what these tools parse: 202 with the dedup key, 400
 * "invalid event" with the list of errors. The routing key is the credential (no bearer token here): a missing,
 * unknown or revoked key is a 401.
 */
@Cancellable(false)
@Path("/integrations/pagerduty/v2/enqueue")
@Tag(name = "Intake")
public class PagerDutyResource {

    /** The marker {@code EndpointProtection} reads: this operation's credential is the integration key in the body. */
    public static final String CREDENTIAL_EXTENSION = "x-tierline-credential";

    /** The event as PagerDuty documents it (for the API description; the body is checked field by field). */
    public record EnqueueEvent(
            @Schema(required = true, maxLength = 255) String routing_key,
            @Schema(required = true, enumeration = {"trigger", "acknowledge", "resolve"}) String event_action,
            @Schema(maxLength = 255) String dedup_key,
            Payload payload,
            @Schema(maxLength = 255) String client,
            @Schema(maxLength = 2048) String client_url) {

        public record Payload(@Schema(required = true, maxLength = 1024) String summary,
                              @Schema(required = true, maxLength = 255) String source,
                              @Schema(required = true, enumeration = {"critical", "error", "warning", "info"})
                              String severity,
                              @Schema(maxLength = 255, format = "date-time",
                                      description = "with an offset: RFC 3339, or 2015-07-17T08:42:58.315+0000")
                              String timestamp,
                              @Schema(maxLength = 255) String component,
                              @Schema(maxLength = 255) String group,
                              @Schema(name = "class", maxLength = 255) String eventClass,
                              @Schema(maxProperties = 100) Map<String, Object> custom_details) {
        }
    }

    private final IncidentIntake intake;
    private final IntegrationService integrations;
    private final ObjectMapper json;
    private final RateLimiter limiter;

    PagerDutyResource(IncidentIntake intake, IntegrationService integrations, ObjectMapper json, RateLimiter limiter) {
        this.intake = intake;
        this.integrations = integrations;
        this.json = json;
        this.limiter = limiter;
    }

    @PermitAll
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an alert event (PagerDuty Events API v2); the routing_key is an integration key")
    @Extension(name = CREDENTIAL_EXTENSION, value = "routing_key")
    @LimitsItsOwnRate
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EnqueueEvent.class)))
    public Uni<Response> enqueue(@Parameter(description = "the routing key, for clients that send it here",
                                         schema = @Schema(maxLength = 255))
                                 @HeaderParam("X-Routing-Key") String headerKey,
                                 @HeaderParam("Content-Type") String contentType, String body) {
        if (contentType == null) {
            // JAX-RS lets a body without a media type through to a String; this API takes JSON only
            return Uni.createFrom().item(answer(415, new Answer("invalid event",
                    "Send the event as application/json")));
        }
        Read read = read(body, headerKey);
        String presented = read.key();
        PagerDutyEvent.Parsed parsed = read.event();
        return integrations.authenticate(presented).flatMap(holder -> {
            if (holder.isEmpty()) {
                return Uni.createFrom().item(answer(401, new Answer("unauthorized",
                        "Missing, unknown or revoked routing key")));
            }
            // per key, and a critical alert is the last one shed; an invalid event counts like the least urgent
            try {
                limiter.acquire(LimitKind.INTEGRATION_KEY, holder.get().keyId().toString(),
                        parsed instanceof PagerDutyEvent.Valid valid ? priority(valid.event()) : Priority.LOW, 1);
            } catch (RateLimitedException e) {
                return Uni.createFrom().item(throttled("Events for this routing key are arriving too quickly",
                        e.retryAfterSeconds()));
            }
            if (parsed instanceof PagerDutyEvent.Invalid invalid) {
                return Uni.createFrom().item(answer(400, new Answer("invalid event",
                        "Event object is invalid", null, invalid.errors())));
            }
            PagerDutyEvent event = ((PagerDutyEvent.Valid) parsed).event();
            return intake.receive(event.toIncident(holder.get().customerId()), holder.get().principal())
                    .map(result -> answer(202, new Answer("success", "Event processed",
                            result.dedupKey(), null)))
                    // the answer PagerDuty's senders know for "later": the event was not taken, and they retry it
                    .onFailure(Overloaded.class).recoverWithItem(e -> throttled(
                            "Too many events are waiting to be processed", ((Overloaded) e).retryAfterSeconds()));
        });
    }

    private static Priority priority(PagerDutyEvent event) {
        return event.severity() != null ? Priority.of(event.severity()) : Priority.NORMAL;
    }

    /** The routing key the request presents, and the event or what is wrong with it. */
    private record Read(String key, PagerDutyEvent.Parsed event) {
    }

    private Read read(String body, String headerKey) {
        try {
            JsonNode tree = body == null || body.isBlank() ? null : json.readTree(body);
            JsonNode key = tree == null ? null : tree.get("routing_key");
            return new Read(routingKey(key != null && key.isTextual() ? key.asText() : null, headerKey),
                    tree == null ? new PagerDutyEvent.Invalid(List.of("Event object is not valid JSON"))
                            : PagerDutyEvent.parse(tree, headerKey));
        } catch (JsonProcessingException e) {
            // still answered for the key it carries: a string or nesting over the limits is an invalid event
            return new Read(routingKey(PagerDutyEvent.routingKeyIn(body), headerKey),
                    new PagerDutyEvent.Invalid(List.of(unreadable(e))));
        }
    }

    private static String routingKey(String bodyKey, String headerKey) {
        if (bodyKey != null && !bodyKey.isBlank()) {
            return bodyKey.strip();
        }
        return headerKey == null ? null : headerKey.strip();
    }

    private static String unreadable(JsonProcessingException e) {
        Problem.FieldError error = ProblemMappers.jsonError(e);
        return error.message().startsWith("malformed JSON") ? "Event object is not valid JSON"
                : "'" + error.field() + "' " + error.message();
    }

    /** PagerDuty's answer, its fields in the order of PagerDuty's published examples. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"status", "message", "dedup_key", "errors"})
    record Answer(String status, String message, @JsonProperty("dedup_key") String dedupKey, List<String> errors) {

        Answer(String status, String message) {
            this(status, message, null, null);
        }
    }

    /** PagerDuty's 429: the event was not taken; the sender retries it after the time given. */
    private static Response throttled(String why, long retryAfterSeconds) {
        return Response.fromResponse(answer(429, new Answer("throttle event", why + "; retry later")))
                .header("Retry-After", retryAfterSeconds).build();
    }

    private static Response answer(int status, Answer body) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (status == 401) {
            response.header("WWW-Authenticate", "RoutingKey realm=\"tierline\"");
        }
        return response.build();
    }
}
