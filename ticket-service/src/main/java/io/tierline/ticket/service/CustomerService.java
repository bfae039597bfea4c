package io.tierline.ticket.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Plan;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Cursor;
import io.tierline.platform.rest.Versions;
import io.tierline.ticket.customer.CustomerPatch;
import io.tierline.ticket.domain.Customer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CustomerService {

    private final Clock clock;

    CustomerService(Clock clock) {
        this.clock = clock;
    }

    /** @param timeZone null for UTC; {@code contacts} null for none */
    @WithTransaction
    public Uni<Customer> create(String name, Plan plan, ZoneId timeZone, List<String> contacts) {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.name = name;
        customer.plan = plan;
        customer.timeZone = timeZone == null ? "UTC" : timeZone.getId();
        customer.contacts = contacts == null ? new String[0] : contacts.stream().distinct().toArray(String[]::new);
        customer.createdAt = clock.instant();
        return customer.persist().replaceWith(customer);
    }

    /**
     * Applies a merge patch to the customer whose current ETag {@code ifMatch} names. A new plan applies to the
     * tickets opened from then on (a ticket keeps the plan it was opened under).
     */
    @WithTransaction
    public Uni<Customer> update(UUID id, String ifMatch, CustomerPatch patch) {
        return Customer.<Customer>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", id))
                .invoke(customer -> {
                    Versions.requireMatch(ifMatch, customer.version, "customer");
                    if (patch.name() != null) {
                        customer.name = patch.name().value();
                    }
                    if (patch.plan() != null) {
                        customer.plan = patch.plan().value();
                    }
                    if (patch.timeZone() != null) {
                        customer.timeZone = patch.timeZone().value().getId();
                    }
                    if (patch.contacts() != null) {
                        customer.contacts = patch.contacts().value().toArray(String[]::new);
                    }
                });
    }

    /** Customers in the order they were created, a page at a time. */
    @WithSession
    public Uni<List<Customer>> list(Cursor after, int limit) {
        return (after == null
                ? Customer.<Customer>find("order by createdAt, id")
                : Customer.<Customer>find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id",
                        after.at(), after.id()))
                .page(0, limit).list();
    }

    /** The customer a new ticket or integration names: an unknown one is a 422 naming {@code customerId}. */
    public static Uni<Customer> named(UUID customerId) {
        return Customer.<Customer>findById(customerId).onItem().ifNull().failWith(() -> unknown(customerId));
    }

    /** The 422 for a new ticket or integration that names no customer there is. */
    public static ProblemException unknown(UUID customerId) {
        return ProblemException.unprocessable("unknown-customer", "Unknown customer",
                "No customer with id " + customerId,
                List.of(new Problem.FieldError("customerId", "no such customer")));
    }

    @WithSession
    public Uni<Customer> get(UUID id) {
        return Customer.<Customer>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", id));
    }
}
