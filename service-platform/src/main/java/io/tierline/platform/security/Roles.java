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

    private Roles() {
    }
}
