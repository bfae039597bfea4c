package io.tierline.ticket.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.integration.KeyHolder;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Whose tickets a caller may open. A caller with an integration key opens them for the key's customer only, a
 * customer's own person for their customer only; a caller with a JWT (a system with the {@code integration} role, or
 * an agent) names the customer.
 */
public final class IntegrationCaller {

    static final String HOLDER_ATTRIBUTE = "tierline.integration";

    public static Optional<KeyHolder> holder(SecurityIdentity identity) {
        return identity == null ? Optional.empty()
                : Optional.ofNullable(identity.getAttribute(HOLDER_ATTRIBUTE));
    }

    /**
     * The customer a request acts for.
     *
     * @param requested the customer the request names, or null
     * @param field     the request field that names it, for the problem answer
     */
    public static UUID customerFor(SecurityIdentity identity, UUID requested, String field) {
        Optional<KeyHolder> holder = holder(identity);
        if (holder.isPresent()) {
            UUID bound = holder.get().customerId();
            if (requested != null && !requested.equals(bound)) {
                throw new ProblemException(Problem.of(403, "customer-not-bound", "Customer not bound to this key",
                        "This integration key opens tickets for its own customer only",
                        List.of(new Problem.FieldError(field, "not the customer of this integration key"))));
            }
            return bound;
        }
        Optional<UUID> own = CustomerCaller.customerOf(identity);
        if (own.isPresent()) {
            if (requested != null && !requested.equals(own.get())) {
                throw new ProblemException(Problem.of(403, "customer-not-bound", "Not your customer",
                        "A customer's people open tickets for their own customer only",
                        List.of(new Problem.FieldError(field, "not the customer this token belongs to"))));
            }
            return own.get();
        }
        if (requested == null) {
            throw ProblemException.badRequest(field, "must not be null (or call with an integration key)");
        }
        return requested;
    }

    private IntegrationCaller() {
    }
}
