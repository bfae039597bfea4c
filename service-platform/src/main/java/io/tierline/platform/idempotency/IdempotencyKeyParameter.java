package io.tierline.platform.idempotency;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.List;

/**
 * Documents the optional {@code Idempotency-Key} header on every POST an authenticated caller makes (see
 * {@link IdempotencyFilter}); the PagerDuty intake, whose credential is in its body, has its own dedup key instead.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class IdempotencyKeyParameter implements OASFilter {

    static final String DESCRIPTION = "An opaque key (a UUID is recommended) that makes a retry safe: the same key "
            + "from the same caller with the same request (method, path and body) within the retention window (24 h "
            + "by default) gets the first answer again, with the header " + IdempotencyFilter.REPLAYED_HEADER
            + ": true, and changes nothing. Only successes and 4xx answers are kept. The same key with another "
            + "request is a 422 problem (idempotency-key-reused), and one still being processed a 409 "
            + "(idempotency-key-in-use).";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Operation post = item.getPOST();
            if (post != null && namesRoles(post)) {
                post.addParameter(OASFactory.createParameter()
                        .name(IdempotencyKey.HEADER)
                        .in(Parameter.In.HEADER)
                        .required(false)
                        .description(DESCRIPTION)
                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                                .minLength(1).maxLength(IdempotencyKey.MAX_LENGTH)));
            }
        }
    }

    /** Callers of the operation authenticate: it names the roles that may call it. */
    private static boolean namesRoles(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().stream()
                .flatMap(requirement -> requirement.getSchemes().values().stream())
                .anyMatch(roles -> roles != null && !roles.isEmpty());
    }
}
