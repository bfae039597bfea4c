package io.tierline.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.tierline.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The largest request body each path accepts: {@code tierline.http.max-body-size} (512 KB) unless a
 * {@link RouteBodyLimit} bean names the path. Quarkus's own {@code quarkus.http.limits.max-body-size} is set high, as
 * the ceiling no route may pass; these limits are the ones enforced (see {@link OversizedBodies}).
 */
@ApplicationScoped
public class BodyLimits {

    private static final Logger LOG = Logger.getLogger(BodyLimits.class);

    private final long defaultLimit;
    private final List<RouteBodyLimit> routes;

    BodyLimits(@ConfigProperty(name = "tierline.http.max-body-size") MemorySize defaultLimit,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize ceiling,
               Instance<RouteBodyLimit> routes) {
        this.defaultLimit = defaultLimit.asLongValue();
        this.routes = routes.stream().toList();
        long highest = Math.max(this.defaultLimit,
                this.routes.stream().mapToLong(RouteBodyLimit::maxBytes).max().orElse(0));
        if (highest > ceiling.asLongValue()) {
            throw new IllegalStateException("A request body limit (" + highest + " bytes) is over"
                    + " quarkus.http.limits.max-body-size (" + ceiling.asLongValue() + " bytes): raise that too");
        }
        this.routes.forEach(route -> LOG.debugf("Bodies of %s (%s) may take up to %d bytes", route.name(),
                route.path(), route.maxBytes()));
    }

    /** The largest body a request to this path may send, in bytes. */
    public long limitFor(String path) {
        for (RouteBodyLimit route : routes) {
            if (route.covers(path)) {
                return route.maxBytes();
            }
        }
        return defaultLimit;
    }

    /** The 413 problem for a body over {@code maxBodySize} bytes. */
    public static Problem tooLarge(long maxBodySize) {
        String limit = maxBodySize % (1024 * 1024) == 0 ? maxBodySize / (1024 * 1024) + " MB"
                : maxBodySize % 1024 == 0 ? maxBodySize / 1024 + " KB" : maxBodySize + " bytes";
        return Problem.of(413, "body-too-large", "Request body too large",
                "the request body is larger than the " + limit + " this service accepts",
                List.of(new Problem.FieldError("body", "is larger than " + limit)));
    }
}
