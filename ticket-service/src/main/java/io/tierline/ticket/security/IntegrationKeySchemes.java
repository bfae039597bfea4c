package io.tierline.ticket.security;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.tierline.platform.security.Roles;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents how monitoring sources authenticate: every operation the {@code integration} role may call also accepts
 * an integration key, in the {@value IntegrationKeyMechanism#HEADER} header, as a bearer token or as the password of
 * basic authentication ({@link IntegrationKeyMechanism}). The roles stay on the JWT requirement, where the protection
 * test reads them.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class IntegrationKeySchemes implements OASFilter {

    static final String HEADER_SCHEME = "integrationKey";
    static final String BEARER_SCHEME = "integrationKeyBearer";
    static final String BASIC_SCHEME = "integrationKeyBasic";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        boolean used = false;
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : item.getOperations().values()) {
                    if (allowsIntegrations(operation)) {
                        List<SecurityRequirement> requirements = new ArrayList<>(operation.getSecurity());
                        for (String scheme : List.of(HEADER_SCHEME, BEARER_SCHEME, BASIC_SCHEME)) {
                            requirements.add(OASFactory.createSecurityRequirement().addScheme(scheme));
                        }
                        operation.setSecurity(requirements);
                        used = true;
                    }
                }
            }
        }
        if (!used) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSecurityScheme(HEADER_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(IntegrationKeyMechanism.HEADER)
                .description("An integration key, created by an admin under /api/v1/integrations"));
        components.addSecurityScheme(BEARER_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An integration key as the bearer token (Alertmanager's http_config.authorization)"));
        components.addSecurityScheme(BASIC_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("An integration key as the password, any user name (Alertmanager's "
                        + "http_config.basic_auth)"));
    }

    private static boolean allowsIntegrations(Operation operation) {
        if (operation.getSecurity() == null) {
            return false;
        }
        for (SecurityRequirement requirement : operation.getSecurity()) {
            for (Map.Entry<String, List<String>> scheme : requirement.getSchemes().entrySet()) {
                if (scheme.getValue() != null && scheme.getValue().contains(Roles.INTEGRATION)) {
                    return true;
                }
            }
        }
        return false;
    }
}
