package io.tierline.platform.rest;

import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list ordered by a time and an id (keyset pagination), optionally after a sort key such as a
 * severity: the next page starts after it, so a page is right however many rows arrive meanwhile, and no row is
 * skipped or shown twice. Opaque to callers: base64url of {@code <key>|<instant>|<uuid>}; one that does not decode,
 * or was given out by the same list in another order, is a 400 naming the {@code cursor} parameter.
 */
public record Cursor(String key, Instant at, UUID id) {

    public static final String PARAMETER = "cursor";

    public Cursor(Instant at, UUID id) {
        this("", at, id);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key + "|" + at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a request names, or null when it names none. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a cursor");
            }
            UUID id = UUID.fromString(parts[2]);
            if (!id.toString().equals(parts[2])) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Cursor(parts[0], Instant.parse(parts[1]), id);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    /** The cursor a request names, if it was given out for a list in the order {@code sort} names. */
    public static Cursor decode(String cursor, String sort) {
        Cursor decoded = decode(cursor);
        if (decoded != null && !decoded.key().equals(sort) && !decoded.key().startsWith(sort + ":")) {
            throw invalid();
        }
        return decoded;
    }

    private static ProblemException invalid() {
        return new ProblemException(Problem.invalid(PARAMETER,
                "is not a cursor this list gave out in this order (pass the nextCursor of the previous page as it is)"));
    }
}
