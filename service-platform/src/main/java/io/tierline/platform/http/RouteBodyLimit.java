package io.tierline.platform.http;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A body limit of its own for the request paths that match {@code path} (the whole path, a regular expression), over
 * or under {@code tierline.http.max-body-size}. A service produces one as a CDI bean for each route that takes larger
 * bodies, such as file uploads; the first bean whose pattern matches decides.
 *
 * @param name     what the route takes, for the startup log and for problems ("attachments")
 * @param maxBytes the largest body accepted, in bytes
 */
public record RouteBodyLimit(String name, Pattern path, long maxBytes) {

    public RouteBodyLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the body limit of " + name + " must be positive");
        }
    }

    public static RouteBodyLimit of(String name, String pathRegex, long maxBytes) {
        return new RouteBodyLimit(name, Pattern.compile(pathRegex), maxBytes);
    }

    boolean covers(String requestPath) {
        return path.matcher(requestPath).matches();
    }
}
