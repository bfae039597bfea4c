package io.tierline.notification.rest;

import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.tierline.notification.domain.ContactMethod;
import io.tierline.notification.domain.ContactMethodType;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How to reach a person; the person id is the responder id escalation-service names them by. */
@Path("/api/v1/people/{personId}/contact-methods")
@Tag(name = "Contact methods")
public class ContactMethodResource {

    public record RegisterContactMethod(@NotNull ContactMethodType type,
                                        @NotNull @Size(max = 2000) @HttpUrl String address) {
    }

    public record ContactMethodView(UUID id, String personId, ContactMethodType type, String address,
                                    Instant createdAt) {
        static ContactMethodView of(ContactMethod m) {
            return new ContactMethodView(m.id, m.personId, m.type, m.address, m.createdAt);
        }
    }

    private final ContactMethodService contactMethods;

    ContactMethodResource(ContactMethodService contactMethods) {
        this.contactMethods = contactMethods;
    }

    /** 201 for a new contact method; 200 with the existing one when it was registered before. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    public Uni<RestResponse<ContactMethodView>> register(@PathParam("personId") @NotBlank @Size(max = 200) String personId,
                                                         @Valid @NotNull RegisterContactMethod request, UriInfo uri) {
        return contactMethods.register(personId, request.type(), request.address())
                .map(registration -> registration.created()
                        ? Created.at(uri, registration.method().id, ContactMethodView.of(registration.method()))
                        : RestResponse.ok(ContactMethodView.of(registration.method())));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    public Uni<List<ContactMethodView>> list(@PathParam("personId") @Size(max = 200) String personId) {
        return contactMethods.of(personId).map(list -> list.stream().map(ContactMethodView::of).toList());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<ContactMethodView> get(@PathParam("personId") @Size(max = 200) String personId,
                                      @PathParam("id") UUID id) {
        return contactMethods.get(personId, id).map(ContactMethodView::of);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Void> remove(@PathParam("personId") @Size(max = 200) String personId, @PathParam("id") UUID id) {
        return contactMethods.remove(personId, id);
    }
}
