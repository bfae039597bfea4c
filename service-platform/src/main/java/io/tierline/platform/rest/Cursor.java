package io.tierline.platform.rest;

import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list ordered by a time and an id (keyset pagination): the next page starts after it, so a page is
 * right however many rows arrive meanwhile, and no row is skipped or shown twice. Opaque to callers: base64url of
 * {@code <instant>|<uuid>}; one that does not decode is a 400 naming the {@code cursor} parameter.
 */
public record Cursor(Instant at, UUID id) {

    public static final String PARAMETER = "cursor";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a request names, or null when it names none. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("not a cursor");
            }
            UUID id = UUID.fromString(text.substring(bar + 1));
            if (!id.toString().equals(text.substring(bar + 1))) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Cursor(Instant.parse(text.substring(0, bar)), id);
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw new ProblemException(Problem.invalid(PARAMETER,
                    "is not a cursor this list gave out (pass the nextCursor of the previous page as it is)"));
        }
    }
}
