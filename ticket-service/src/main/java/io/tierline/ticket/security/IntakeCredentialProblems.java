package io.tierline.ticket.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.tierline.platform.problem.ProblemMappers;
import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A monitoring tool refused at an intake learns that an integration key is what it lacks (or presented wrongly),
 * not only a bearer token: the operations the {@code integration} role may call take both, as the OpenAPI document
 * says ({@link IntegrationKeySchemes}). Every other operation keeps the platform's answer.
 */
public class IntakeCredentialProblems {

    static final String INTAKE_DETAIL = "This operation needs a valid integration key or bearer token";

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class},
            priority = Priorities.USER - 1)
    public Response unauthenticated(RuntimeException e, UriInfo uri, ResourceInfo resource) {
        return ProblemMappers.unauthenticated(takesIntegrationKeys(resource) ? INTAKE_DETAIL
                : ProblemMappers.UNAUTHENTICATED, uri);
    }

    private static boolean takesIntegrationKeys(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return false;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return roles != null && Arrays.asList(roles.value()).contains(Roles.INTEGRATION);
    }
}
