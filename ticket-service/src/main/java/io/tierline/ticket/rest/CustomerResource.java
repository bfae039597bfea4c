package io.tierline.ticket.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Plan;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Created;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.Page;
import io.tierline.platform.rest.Versions;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.customer.CustomerPatch;
import io.tierline.ticket.customer.CustomerProfile;
import io.tierline.ticket.domain.Customer;
import io.tierline.ticket.service.CustomerService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

@Produces(MediaType.APPLICATION_JSON) // Page<...> answers do not tell it by themselves
@Cancellable(false)
@Path("/api/v1/customers")
@Tag(name = "Customers")
public class CustomerResource {

    /** {@code timeZone}: an IANA zone (default UTC); {@code contacts}: addresses that receive public replies. */
    public record CreateCustomer(@NotBlank @Size(max = 200) String name, @NotNull Plan plan,
                                 @Size(max = 64) String timeZone,
                                 @Size(max = CustomerProfile.MAX_CONTACTS)
                                 List<@NotBlank @Size(max = CustomerProfile.MAX_ADDRESS) String> contacts) {
    }

    public record CustomerView(UUID id, String name, Plan plan, String timeZone, List<String> contacts,
                               Instant createdAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.name, c.plan, c.timeZone, List.of(c.contacts()), c.createdAt);
        }
    }

    /** What {@code PATCH /api/v1/customers/{id}} takes (the body is read by {@link CustomerPatch}). */
    @Schema(name = "CustomerChanges", description = "A JSON merge patch (RFC 7396) of a customer. A new plan applies to"
            + " tickets opened from then on.")
    public record CustomerChanges(@Size(min = 1, max = 200) String name, Plan plan,
                                  @Size(min = 1, max = 64) String timeZone,
                                  @Size(max = CustomerProfile.MAX_CONTACTS)
                                  List<@Size(min = 1, max = CustomerProfile.MAX_ADDRESS) String> contacts) {
    }

    private final CustomerService customers;
    private final ObjectMapper json;

    CustomerResource(CustomerService customers, ObjectMapper json) {
        this.customers = customers;
        this.json = json;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Uni<RestResponse<CustomerView>> create(@Valid @NotNull CreateCustomer request, UriInfo uri) {
        ZoneId zone = null;
        if (request.timeZone() != null) {
            zone = CustomerProfile.zone(request.timeZone());
            if (zone == null) {
                throw ProblemException.badRequest("timeZone",
                        "must be an IANA time zone such as Europe/Berlin or America/New_York");
            }
        }
        if (request.contacts() != null) {
            for (int i = 0; i < request.contacts().size(); i++) {
                String problem = CustomerProfile.addressProblem(request.contacts().get(i));
                if (problem != null) {
                    throw ProblemException.badRequest("contacts[" + i + "]", problem);
                }
            }
        }
        return customers.create(request.name(), request.plan(), zone, request.contacts())
                .map(c -> RestResponse.ResponseBuilder.fromResponse(Created.at(uri, c.id, CustomerView.of(c)))
                        .tag(Versions.etag(c.version)).build());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Operation(summary = "Customers in the order they were created, a page at a time",
            description = "Pass the nextCursor of a page as cursor to get the next one; the last page has none.")
    public Uni<Page<CustomerView>> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return customers.list(Cursor.decode(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, c -> c.createdAt, c -> c.id, CustomerView::of));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<RestResponse<CustomerView>> get(@PathParam("id") UUID id) {
        return customers.get(id).map(c -> RestResponse.ResponseBuilder.ok(CustomerView.of(c))
                .tag(Versions.etag(c.version)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Path("/{id}")
    @Consumes({TicketResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Edit a customer: name, plan, time zone, contacts",
            description = "A JSON merge patch. Send If-Match with the ETag of your last GET: without it the answer is"
                    + " 428, with a stale one 412.")
    @RequestBody(required = true, content = {
            @Content(mediaType = TicketResource.MERGE_PATCH, schema = @Schema(implementation = CustomerChanges.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerChanges.class))})
    public Uni<RestResponse<CustomerView>> patch(@PathParam("id") UUID id,
                                                 @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 200) String ifMatch,
                                                 String body) {
        CustomerPatch patch = CustomerPatch.parse(MergePatch.document(json, body, "customer"));
        return customers.update(id, ifMatch, patch).map(c -> RestResponse.ResponseBuilder.ok(CustomerView.of(c))
                .tag(Versions.etag(c.version)).build());
    }
}
