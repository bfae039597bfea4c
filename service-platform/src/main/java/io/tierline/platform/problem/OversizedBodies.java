package io.tierline.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * A request whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} gets a 413 problem answer
 * saying the limit, before any of its body is read, and the connection is closed. Quarkus would answer the same
 * status with an empty body; this runs just before its check. A chunked body that grows past the limit while it is
 * read is cut off by Quarkus itself.
 */
@ApplicationScoped
public class OversizedBodies {

    private final long maxBodySize;
    private final Problem problem;
    private final ObjectMapper json;

    OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                    ObjectMapper json) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.problem = problem(this.maxBodySize);
        this.json = json;
    }

    /** The 413 problem for a body over {@code maxBodySize} bytes. */
    public static Problem problem(long maxBodySize) {
        String limit = maxBodySize % 1024 == 0 ? maxBodySize / 1024 + " KB" : maxBodySize + " bytes";
        return Problem.of(413, "body-too-large", "Request body too large",
                "the request body is larger than the " + limit + " this service accepts",
                List.of(new Problem.FieldError("body", "is larger than " + limit)));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversized);
    }

    private void refuseOversized(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !oversized(length)) {
            context.next();
            return;
        }
        byte[] answer;
        try {
            answer = json.writeValueAsBytes(problem.withInstance(context.request().path()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(Buffer.buffer(answer));
    }

    private boolean oversized(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            // not a length: Vert.x's HTTP decoder refuses it with 400 before this runs
            return false;
        }
    }
}
