package io.tierline.platform.batch;

import io.tierline.platform.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Work refused because too much waits: a 503 problem with {@code Retry-After}; nothing was applied. */
public class OverloadedMapper {

    @ServerExceptionMapper
    public Response overloaded(Overloaded e, UriInfo uri) {
        long seconds = e.retryAfterSeconds();
        Problem problem = Problem.of(503, "overloaded", "Service overloaded",
                "Too many requests are waiting to be applied; nothing was changed, retry after " + seconds + " s",
                List.of());
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .entity(problem.withInstance(uri != null ? uri.getPath() : null))
                .build();
    }
}
