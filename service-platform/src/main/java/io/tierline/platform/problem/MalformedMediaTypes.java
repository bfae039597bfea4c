package io.tierline.platform.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Arrays;

/**
 * A Content-Type or Accept header that is no media type at all ({@code json}) is bad input: 400. Checked before
 * JAX-RS matches the request, because it answers 500 when it meets one: choosing between two methods of a path by
 * media type ({@code POST /pages/{id}/ack} with and without a body), or the writer of an answer.
 */
public class MalformedMediaTypes {

    @ServerRequestFilter(preMatching = true)
    public Response refuseMalformedMediaTypes(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !isMediaType(contentType)) {
            return refusal(request, HttpHeaders.CONTENT_TYPE, "is not a media type such as application/json");
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        // an empty Accept too: JAX-RS fails on it while choosing the writer of the answer
        if (accept != null && !Arrays.stream(accept.split(",", -1)).allMatch(range -> isMediaType(range.trim()))) {
            return refusal(request, HttpHeaders.ACCEPT, "is not a list of media types such as application/json");
        }
        return null;
    }

    private static boolean isMediaType(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response refusal(ContainerRequestContext request, String header, String message) {
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(Problem.invalid(header, message).withInstance(request.getUriInfo().getPath())).build();
    }
}
