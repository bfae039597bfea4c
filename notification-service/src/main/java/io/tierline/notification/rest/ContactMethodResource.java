package io.tierline.notification.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.tierline.notification.domain.ContactMethod;
import io.tierline.notification.domain.ContactMethodType;
import io.tierline.notification.domain.WebhookAddresses;
import io.tierline.notification.service.ContactMethodService;
import io.tierline.platform.rest.Created;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How to reach a person; the person id is the responder id escalation-service names them by. */
@Cancellable(false)
@Path("/api/v1/people/{personId}/contact-methods")
@Tag(name = "Contact methods")
public class ContactMethodResource {

    public record RegisterContactMethod(@NotNull ContactMethodType type,
                                        @NotNull @Size(max = 2000) @HttpUrl String address) {
    }

    /**
     * @param address the full address for admins only; anyone else gets it redacted (scheme, host and port), since a
     *                contact detail may carry a secret such as a webhook token
     */
    public record ContactMethodView(UUID id, String personId, ContactMethodType type,
                                    @Schema(description = "The full address for admins only; for anyone else "
                                            + "redacted to scheme, host and port, since a contact detail may carry "
                                            + "a secret such as a webhook token") String address,
                                    Instant createdAt) {
        static ContactMethodView full(ContactMethod m) {
            return new ContactMethodView(m.id, m.personId, m.type, m.address, m.createdAt);
        }

        static ContactMethodView redacted(ContactMethod m) {
            return new ContactMethodView(m.id, m.personId, m.type, redactedAddress(m.type, m.address), m.createdAt);
        }

        /** Every type's address is a contact detail to keep from non-admins; a new type must say how to mask it. */
        private static String redactedAddress(ContactMethodType type, String address) {
            return switch (type) {
                case WEBHOOK -> WebhookAddresses.redacted(address);
            };
        }
    }

    private final ContactMethodService contactMethods;
    private final SecurityIdentity identity;

    ContactMethodResource(ContactMethodService contactMethods, SecurityIdentity identity) {
        this.contactMethods = contactMethods;
        this.identity = identity;
    }

    /** The view this caller may see: the full address for an admin, a redacted one for anyone else. */
    private ContactMethodView view(ContactMethod m) {
        return identity.hasRole(Roles.ADMIN) ? ContactMethodView.full(m) : ContactMethodView.redacted(m);
    }

    /** 201 for a new contact method; 200 with the existing one when it was registered before. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    public Uni<RestResponse<ContactMethodView>> register(@PathParam("personId") @NotBlank @Size(max = 200) String personId,
                                                         @Valid @NotNull RegisterContactMethod request, UriInfo uri) {
        return contactMethods.register(personId, request.type(), request.address())
                .map(registration -> registration.created()
                        ? Created.at(uri, registration.method().id, ContactMethodView.full(registration.method()))
                        : RestResponse.ok(ContactMethodView.full(registration.method())));
    }

    /** The full addresses for an admin; redacted ones (scheme, host and port) for a viewer or an agent. */
    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    public Uni<List<ContactMethodView>> list(@PathParam("personId") @Size(max = 200) String personId) {
        return contactMethods.of(personId).map(list -> list.stream().map(this::view).toList());
    }

    /** The full address for an admin; a redacted one (scheme, host and port) for a viewer or an agent. */
    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<ContactMethodView> get(@PathParam("personId") @Size(max = 200) String personId,
                                      @PathParam("id") UUID id) {
        return contactMethods.get(personId, id).map(this::view);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Void> remove(@PathParam("personId") @Size(max = 200) String personId, @PathParam("id") UUID id) {
        return contactMethods.remove(personId, id);
    }
}
