package io.tierline.platform.security;

/**
 * The roles a caller's token carries in its {@code groups} claim. Every {@code /api} operation names the roles
 * that may call it ({@code @RolesAllowed}); an operation that names none is refused to everyone.
 */
public final class Roles {

    /** Configuration: customers, people and their contact methods, rules, policies, schedules, calendars. */
    public static final String ADMIN = "admin";
    /** Works tickets and acknowledges pages. */
    public static final String AGENT = "agent";
    /** Reads. */
    public static final String VIEWER = "viewer";
    /** Monitoring sources and other systems: intake only. */
    public static final String INTEGRATION = "integration";
    /**
     * A customer's own people (a support portal): their customer's tickets and public replies only. The token names
     * the customer in the {@link #CUSTOMER_CLAIM} claim.
     */
    public static final String CUSTOMER = "customer";
    /** The claim of a {@link #CUSTOMER} token that names its customer (a UUID). */
    public static final String CUSTOMER_CLAIM = "customer_id";

    private Roles() {
    }
}
