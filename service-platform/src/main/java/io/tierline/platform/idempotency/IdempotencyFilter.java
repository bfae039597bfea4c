package io.tierline.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.http.StreamedBody;
import io.tierline.platform.problem.Problem;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} header on every POST: the same key from the same caller with the same request (method,
 * target and body) gets the first answer again, marked {@value #REPLAYED_HEADER}, and changes nothing. The key is
 * claimed before the request runs and completed with its answer afterwards (see {@link IdempotencyStore}).
 * <p>
 * Quarkus REST checks credentials and roles before request filters, so a request refused with 401 or 403 never
 * claims a key; this filter runs after the caller's rate limit. Callers are told apart by their principal name (an
 * integration key's holder is {@code integration:<id>}); an anonymous request is not affected, nor is any request
 * without the header or of another method.
 */
public class IdempotencyFilter {

    /** Marks an answer sent again to a retry. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);
    private static final String CLAIM_PROPERTY = IdempotencyFilter.class.getName() + ".claim";

    private final IdempotencyStore store;
    private final RequestBodies bodies;
    private final CurrentIdentityAssociation identities;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotencyStore store, RequestBodies bodies, CurrentIdentityAssociation identities,
                      ObjectMapper json) {
        this.store = store;
        this.bodies = bodies;
        this.identities = identities;
        this.json = json;
    }

    /**
     * Lets the request run once it has claimed its key, or answers in its place: the first answer again, or a problem
     * (400 for an unusable key, 409 while the first request runs, 422 for a key first used with another request).
     */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Uni<Response> claim(ContainerRequestContext request, RoutingContext routing, ResourceInfo resource) {
        List<String> keys = request.getHeaders().get(IdempotencyKey.HEADER);
        if (keys == null || !HttpMethod.POST.equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        // the database session belongs to the request's own context; the body's last chunk may arrive elsewhere
        Context context = Vertx.currentContext();
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .flatMap(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        return Uni.createFrom().nullItem();
                    }
                    IdempotencyKey key = IdempotencyKey.of(keys).orElseThrow();
                    String caller = identity.getPrincipal().getName();
                    boolean streamed = resource.getResourceMethod() != null
                            && resource.getResourceMethod().isAnnotationPresent(StreamedBody.class);
                    Uni<byte[]> read = streamed ? Uni.createFrom().item(describing(request)) : bodies.read(routing);
                    return on(context, read)
                            .flatMap(body -> {
                                if (!streamed) {
                                    request.setEntityStream(new ByteArrayInputStream(body));
                                }
                                return store.claim(caller, key, RequestFingerprint.of(request.getMethod(),
                                        target(request.getUriInfo().getRequestUri()), body));
                            })
                            .map(claim -> answer(claim, request));
                });
    }

    /** What stands for a streamed body: the headers that describe it, one per line. */
    private static byte[] describing(ContainerRequestContext request) {
        StringBuilder headers = new StringBuilder();
        for (String name : StreamedBody.DESCRIBING_HEADERS) {
            String value = request.getHeaderString(name);
            headers.append(name).append(": ").append(value == null ? "" : value).append('\n');
        }
        return headers.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static <T> Uni<T> on(Context context, Uni<T> uni) {
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** Null to let a granted request run; otherwise the answer it gets instead. */
    private static Response answer(Claim claim, ContainerRequestContext request) {
        if (claim instanceof Claim.Granted granted) {
            request.setProperty(CLAIM_PROPERTY, granted.id());
            return null;
        }
        if (claim instanceof Claim.Replay replay) {
            return replay(replay.answer());
        }
        if (claim instanceof Claim.AnswerNotKept notKept) {
            Problem problem = IdempotencyProblems.answerNotKept().problem()
                    .withInstance(request.getUriInfo().getPath());
            Response.ResponseBuilder refusal = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                    .entity(problem);
            return notKept.location() == null ? refusal.build()
                    : refusal.header(HttpHeaders.LOCATION, notKept.location()).build();
        }
        throw claim instanceof Claim.InUse ? IdempotencyProblems.inUse() : IdempotencyProblems.reused();
    }

    private static Response replay(StoredAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).header(REPLAYED_HEADER, "true");
        if (answer.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        if (answer.location() != null) {
            response.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            response.header(HttpHeaders.ETAG, answer.etag());
        }
        return response.entity(answer.body()).build();
    }

    /** Keeps the answer of a request that claimed its key, or releases the key when the answer says "try again". */
    @ServerResponseFilter
    public Uni<Void> complete(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM_PROPERTY) instanceof UUID id)) {
            return Uni.createFrom().voidItem();
        }
        request.removeProperty(CLAIM_PROPERTY);
        Uni<Void> recorded;
        try {
            boolean withheld = holdsSecret(response);
            recorded = StoredAnswer.keeps(response.getStatus())
                    ? store.complete(id, stored(response, withheld), withheld)
                    : store.release(id);
        } catch (JsonProcessingException e) {
            // the answer cannot be written, so it will not reach the client either: let a retry run
            recorded = store.release(id);
        }
        // the answer stands either way; a key left claimed is given up after tierline.platform.idempotency
        // .in-progress-timeout
        return recorded.onFailure().invoke(failure -> LOG.warnf("Could not record the answer for idempotency "
                        + "key claim %s: %s", id, failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** The answer as it is kept; without its body when that held a secret. */
    private StoredAnswer stored(ContainerResponseContext response, boolean withheld) throws JsonProcessingException {
        String contentType = response.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null && response.getMediaType() != null) {
            contentType = response.getMediaType().toString();
        }
        return new StoredAnswer(response.getStatus(), contentType, response.getHeaderString(HttpHeaders.LOCATION),
                response.getHeaderString(HttpHeaders.ETAG), withheld ? null : body(response.getEntity()));
    }

    /** The bytes the answer's entity is written as: JSON by the application's own mapper, as Quarkus REST writes it. */
    private byte[] body(Object entity) throws JsonProcessingException {
        if (entity == null) {
            return null;
        }
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return json.writeValueAsBytes(entity);
    }

    /** An answer marked not to be stored (it shows a secret, such as a new integration key) is not kept. */
    private static boolean holdsSecret(ContainerResponseContext response) {
        String cacheControl = response.getHeaderString(HttpHeaders.CACHE_CONTROL);
        return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-store");
    }

    private static String target(URI uri) {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
