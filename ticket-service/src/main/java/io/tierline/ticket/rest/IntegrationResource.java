package io.tierline.ticket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.rest.Created;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.domain.IntegrationKey;
import io.tierline.ticket.service.IntegrationService;
import io.tierline.ticket.service.IntegrationService.IntegrationWithKeys;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Integration keys for monitoring sources (admins only). A key is in the answer that creates it and nowhere else,
 * ever: copy it into the monitoring tool then. To rotate, add a second key, deploy it, revoke the first.
 */
@Cancellable(false)
@Path("/api/v1/integrations")
@Tag(name = "Integrations")
public class IntegrationResource {

    public record CreateIntegration(@NotBlank @Size(max = 200) String name, @NotNull UUID customerId) {
    }

    /** @param key the key itself: only in the answer that creates it */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(UUID id, String hint, Instant createdAt, Instant revokedAt, boolean active, String key) {
        static KeyView of(IntegrationKey k, String value) {
            return new KeyView(k.id, k.hint, k.createdAt, k.revokedAt, k.active(), value);
        }
    }

    /** @param key the first key itself: only in the answer that creates the integration */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IntegrationView(UUID id, String name, UUID customerId, Instant createdAt, String createdBy,
                                  Instant revokedAt, List<KeyView> keys, String key) {
        static IntegrationView of(IntegrationWithKeys i, String key) {
            return new IntegrationView(i.integration().id, i.integration().name, i.integration().customerId,
                    i.integration().createdAt, i.integration().createdBy, i.integration().revokedAt,
                    i.keys().stream().map(k -> KeyView.of(k, null)).toList(), key);
        }
    }

    private final IntegrationService integrations;
    private final SecurityIdentity identity;

    IntegrationResource(IntegrationService integrations, SecurityIdentity identity) {
        this.integrations = integrations;
        this.identity = identity;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Operation(summary = "Create an integration for a customer; the answer holds its key, shown only this once")
    public Uni<RestResponse<IntegrationView>> create(@Valid @NotNull CreateIntegration request, UriInfo uri) {
        return integrations.create(request.name(), request.customerId(), identity.getPrincipal().getName())
                .map(created -> noStore(Created.at(uri, created.integration().integration().id,
                        IntegrationView.of(created.integration(), created.key().value()))));
    }

    @RolesAllowed(Roles.ADMIN)
    @GET
    public Uni<List<IntegrationView>> list(@QueryParam("customerId") UUID customerId) {
        return integrations.list(customerId).map(list -> list.stream().map(i -> IntegrationView.of(i, null)).toList());
    }

    @RolesAllowed(Roles.ADMIN)
    @GET
    @Path("/{id}")
    public Uni<IntegrationView> get(@PathParam("id") UUID id) {
        return integrations.get(id).map(i -> IntegrationView.of(i, null));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/{id}/keys")
    @Operation(summary = "Add a second key for rotation (at most two are active); the answer holds it, only this once")
    public Uni<RestResponse<KeyView>> addKey(@PathParam("id") UUID id, UriInfo uri) {
        return integrations.addKey(id)
                .map(issued -> noStore(Created.at(uri, issued.key().id, KeyView.of(issued.key(), issued.value()))));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}/keys/{keyId}")
    @Operation(summary = "Revoke one key; requests with it are refused from now on")
    public Uni<IntegrationView> revokeKey(@PathParam("id") UUID id, @PathParam("keyId") UUID keyId) {
        return integrations.revokeKey(id, keyId).map(i -> IntegrationView.of(i, null));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke the integration and all its keys")
    public Uni<IntegrationView> revoke(@PathParam("id") UUID id) {
        return integrations.revoke(id).map(i -> IntegrationView.of(i, null));
    }

    private static <T> RestResponse<T> noStore(RestResponse<T> response) {
        return RestResponse.ResponseBuilder.fromResponse(response).header("Cache-Control", "no-store").build();
    }
}
