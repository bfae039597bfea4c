package io.tierline.ticket.rest;

import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.rest.Created;
import io.tierline.contracts.Plan;
import io.tierline.ticket.domain.Customer;
import io.tierline.ticket.service.CustomerService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/customers")
@Tag(name = "Customers")
public class CustomerResource {

    public record CreateCustomer(@NotBlank @Size(max = 200) String name, @NotNull Plan plan) {
    }

    public record CustomerView(UUID id, String name, Plan plan, Instant createdAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.name, c.plan, c.createdAt);
        }
    }

    private final CustomerService customers;

    CustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Uni<RestResponse<CustomerView>> create(@Valid @NotNull CreateCustomer request, UriInfo uri) {
        return customers.create(request.name(), request.plan())
                .map(c -> Created.at(uri, c.id, CustomerView.of(c)));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @Path("/{id}")
    public Uni<CustomerView> get(@PathParam("id") UUID id) {
        return customers.get(id).map(CustomerView::of);
    }
}
