package io.tierline.platform.rest;

import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

import java.util.List;

/**
 * Lost-update protection for edits: a resource's version is its strong ETag ({@code "7"}), and an edit must send
 * {@code If-Match} with the ETag it last read (RFC 9110 §13.1.1). Without one it is a 428, with a stale one a 412.
 */
public final class Versions {

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Throws the 428 or 412 problem unless {@code ifMatch} names {@code version} (or is {@code *}). */
    public static void requireMatch(String ifMatch, long version, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.of(428, "precondition-required", "If-Match required",
                    "Send If-Match with the ETag of the " + what + " you last read (GET it first), so that an edit"
                            + " made since is not overwritten", List.of(new Problem.FieldError("If-Match", "is required"))));
        }
        if (!matches(ifMatch, version)) {
            throw stale(what);
        }
    }

    /** The 412 answered when someone else changed the resource since the caller read it. */
    public static ProblemException stale(String what) {
        return new ProblemException(Problem.of(412, "stale-version", "The " + what + " has changed",
                "The " + what + " was changed since you read it; GET it again, then apply your change to what it is"
                        + " now", List.of(new Problem.FieldError("If-Match", "does not match the current ETag"))));
    }

    /** Strong comparison: a weak validator never matches an If-Match (RFC 9110 §13.1.1). */
    static boolean matches(String ifMatch, long version) {
        String current = "\"" + version + "\"";
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(current)) {
                return true;
            }
        }
        return false;
    }

    private Versions() {
    }
}
