package io.tierline.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.tierline.platform.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.UncheckedIOException;

/**
 * Enforces {@link BodyLimits}. A request whose {@code Content-Length} is over its path's limit gets a 413 problem
 * answer saying the limit, before any of its body is read, and the connection is closed (Quarkus would answer the
 * same status with an empty body). A chunked body is cut off with 413 when it grows past the path's limit while it is
 * read: Quarkus's readers stop at the limit its upload handler leaves on the request, which this replaces with the
 * path's own just after.
 */
@ApplicationScoped
public class OversizedBodies {

    private final BodyLimits limits;
    private final ObjectMapper json;

    OversizedBodies(BodyLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversized);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::limitChunked);
    }

    private void refuseOversized(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = limits.limitFor(context.request().path());
        if (length == null || !oversized(length, limit)) {
            context.next();
            return;
        }
        byte[] answer;
        try {
            answer = json.writeValueAsBytes(BodyLimits.tooLarge(limit).withInstance(context.request().path()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(Buffer.buffer(answer));
    }

    private void limitChunked(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            context.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, limits.limitFor(context.request().path()));
        }
        context.next();
    }

    private static boolean oversized(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            // not a length: Vert.x's HTTP decoder refuses it with 400 before this runs
            return false;
        }
    }
}
