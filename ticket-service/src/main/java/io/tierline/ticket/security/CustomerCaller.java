package io.tierline.ticket.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.security.Roles;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A caller with the {@code customer} role: one of a customer's own people. It sees and opens that customer's tickets
 * only, posts public replies, and never sees internal notes or internal fields. Its token names the customer in the
 * {@value Roles#CUSTOMER_CLAIM} claim; a customer token that names none (or no UUID) may do nothing.
 */
public final class CustomerCaller {

    /** The customer the caller is limited to, or empty for staff and integrations. */
    public static Optional<UUID> customerOf(SecurityIdentity identity) {
        if (identity == null || !identity.hasRole(Roles.CUSTOMER)) {
            return Optional.empty();
        }
        Object claim = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(Roles.CUSTOMER_CLAIM) : null;
        String text = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        try {
            UUID customer = UUID.fromString(text);
            if (customer.toString().equals(text)) {
                return Optional.of(customer);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // falls through to the refusal
        }
        throw new ProblemException(Problem.of(403, "forbidden", "Forbidden",
                "A customer token must name its customer in the " + Roles.CUSTOMER_CLAIM + " claim", List.of()));
    }

    /** Whether the caller is staff (admin, agent, viewer): staff see internal notes and fields. */
    public static boolean isStaff(SecurityIdentity identity) {
        return customerOf(identity).isEmpty();
    }

    private CustomerCaller() {
    }
}
