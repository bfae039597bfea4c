package io.tierline.ticket.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Plan;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.Customer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CustomerService {

    private final Clock clock;

    CustomerService(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Customer> create(String name, Plan plan) {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.name = name;
        customer.plan = plan;
        customer.createdAt = clock.instant();
        return customer.persist().replaceWith(customer);
    }

    /** The customer a new ticket or integration names: an unknown one is a 422 naming {@code customerId}. */
    public static Uni<Customer> named(UUID customerId) {
        return Customer.<Customer>findById(customerId)
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable("unknown-customer", "Unknown customer",
                        "No customer with id " + customerId,
                        List.of(new Problem.FieldError("customerId", "no such customer"))));
    }

    @WithSession
    public Uni<Customer> get(UUID id) {
        return Customer.<Customer>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", id));
    }
}
