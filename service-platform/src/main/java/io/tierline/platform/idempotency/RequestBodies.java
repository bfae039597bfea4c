package io.tierline.platform.idempotency;

import io.smallrye.mutiny.Uni;
import io.tierline.platform.http.BodyLimits;
import io.tierline.platform.problem.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a request's whole body into memory on its event loop, within its path's {@link BodyLimits limit}, so a
 * request filter can hash it and hand it on ({@code setEntityStream}; Quarkus REST then reads no further). Quarkus
 * REST would move a body over its input buffer ({@code quarkus.rest.input-buffer-size}, 10 KB) to a worker thread
 * and a blocking stream, away from the Vert.x context the filter's database session needs.
 */
@ApplicationScoped
public class RequestBodies {

    private final BodyLimits limits;

    RequestBodies(BodyLimits limits) {
        this.limits = limits;
    }

    /** The body; a 413 problem when it grows past the limit (a declared length over it never gets this far). */
    Uni<byte[]> read(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        long maxBodySize = limits.limitFor(request.path());
        if (request.isEnded()) {
            // read before (by a body handler): what it kept
            Buffer read = routing.body() == null ? null : routing.body().buffer();
            return Uni.createFrom().item(read == null ? new byte[0] : read.getBytes());
        }
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer();
            boolean[] refused = {false};
            request.handler(chunk -> {
                if (refused[0]) {
                    return;
                }
                if (body.length() + chunk.length() > maxBodySize) {
                    refused[0] = true;
                    request.pause();
                    // the rest of the body is never read: the connection cannot carry another request
                    request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                    emitter.fail(new ProblemException(BodyLimits.tooLarge(maxBodySize)));
                    return;
                }
                body.appendBuffer(chunk);
            });
            request.exceptionHandler(emitter::fail);
            request.endHandler(ignored -> {
                if (!refused[0]) {
                    emitter.complete(body.getBytes());
                }
            });
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                // Quarkus REST would send this as it starts reading; the body is read here instead
                request.response().writeContinue();
            }
            request.resume();
        });
    }
}
