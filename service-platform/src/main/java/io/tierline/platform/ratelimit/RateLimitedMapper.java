package io.tierline.platform.ratelimit;

import io.tierline.platform.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** A request over its limit, refused by the filter or by resource code: 429 problem with {@code Retry-After}. */
public class RateLimitedMapper {

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        long seconds = e.retryAfterSeconds();
        // says nothing about the token or key that was counted: a refusal must not echo credentials
        Problem problem = Problem.of(429, "rate-limited", "Too many requests",
                "Too many requests in a short time; retry after " + seconds + " s", List.of());
        return Response.status(429)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .entity(problem.withInstance(uri != null ? uri.getPath() : null))
                .build();
    }
}
