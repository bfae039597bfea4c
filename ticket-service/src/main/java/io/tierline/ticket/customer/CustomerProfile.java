package io.tierline.ticket.customer;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** What a customer's time zone and contact addresses must be. */
public final class CustomerProfile {

    public static final int MAX_CONTACTS = 20;
    public static final int MAX_ADDRESS = 254;

    /** One @, something before it, a dotted domain after it, no spaces: what a mail server will take. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** The zone, when {@code id} is an IANA time zone such as {@code Europe/Berlin} (or UTC); else null. */
    public static ZoneId zone(String id) {
        if (id == null || !id.equals(id.strip())) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Why {@code address} is no email address, or null when it is one. */
    public static String addressProblem(String address) {
        if (address.length() > MAX_ADDRESS || !ADDRESS.matcher(address).matches()) {
            return "must be an email address such as ops@example.com";
        }
        return null;
    }

    private CustomerProfile() {
    }
}
