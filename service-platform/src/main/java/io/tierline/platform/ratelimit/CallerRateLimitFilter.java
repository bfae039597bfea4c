package io.tierline.platform.ratelimit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;

/**
 * Limits every authenticated caller of {@code /api/} and {@code /integrations/} at {@link Priority#NORMAL}: a
 * caller with an integration key by its key, any other by its principal name. Not limited here: anonymous requests
 * and operations marked {@link LimitsItsOwnRate} (the intakes, which limit per key and severity themselves).
 * <p>
 * Quarkus REST runs the security check ({@code @RolesAllowed}) before request filters, so a request without valid
 * credentials or the right role is answered 401 or 403 before it reaches this filter and costs no token.
 */
public class CallerRateLimitFilter {

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identities;

    CallerRateLimitFilter(RateLimiter limiter, CurrentIdentityAssociation identities) {
        this.limiter = limiter;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> limitCaller(ContainerRequestContext request, ResourceInfo resource) {
        if (!limitedPath(request.getUriInfo().getPath()) || limitsItsOwnRate(resource)) {
            return Uni.createFrom().voidItem();
        }
        // authentication is lazy (quarkus.http.auth.proactive=false); the security check has normally resolved it
        return identities.getDeferredIdentity()
                // where an operation lets anyone in, bad credentials are not this filter's to refuse
                .onFailure().recoverWithNull()
                .invoke(identity -> {
                    if (identity != null && !identity.isAnonymous()) {
                        limiter.acquire(identity, Priority.NORMAL);
                    }
                })
                .replaceWithVoid();
    }

    private static boolean limitedPath(String path) {
        return path.startsWith("/api/") || path.startsWith("/integrations/");
    }

    private static boolean limitsItsOwnRate(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        return method != null && method.isAnnotationPresent(LimitsItsOwnRate.class);
    }
}
