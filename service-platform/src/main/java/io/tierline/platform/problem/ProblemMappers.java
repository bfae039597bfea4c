package io.tierline.platform.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tierline.platform.input.InvalidTextException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import io.vertx.core.http.HttpServerRequest;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every error into an RFC 7807 answer. Bad input is a 4xx that names the field; an unexpected failure is a
 * 500 that reveals nothing but is logged with its stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** What a 401 says by default: every operation takes a bearer token. */
    public static final String UNAUTHENTICATED = "This operation needs a valid bearer token";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    /** Quarkus throws this subtype for constraint violations on resource methods; map it like its parent. */
    @ServerExceptionMapper
    public Response invalidResource(ResteasyReactiveViolationException e, UriInfo uri) {
        return invalid(e, uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return respond(Problem.of(400, "invalid-request", "Invalid request", detail, errors), uri);
    }

    /**
     * Quarkus has its own mappers for some Jackson subtypes (answering plain JSON); these win over them by being
     * at least as specific.
     */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, ValueInstantiationException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpServerRequest request) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof JsonProcessingException json) {
                return respond(jsonProblem(json), uri);
            }
            if (cause instanceof ProblemException refused) {
                // a parameter ParameterConverters refused, wrapped by JAX-RS
                return respond(refused.problem(), uri);
            }
            cause = cause.getCause();
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers 404 when a path or query parameter does not convert; ParameterConverters names the
            // parameter for the types the services use, this covers the rest (a number, say)
            return respond(Problem.of(400, "invalid-request", "Invalid request",
                    "parameter: a path or query parameter has the wrong type",
                    List.of(new Problem.FieldError("parameter", "has the wrong type"))), uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This path does not take the " + request.method() + " method";
            case 406 -> "This operation answers application/json (problems as application/problem+json)";
            case 415 -> "This operation takes a body of media type application/json";
            default -> e.getMessage();
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
            detail = "The server could not complete the request";
        }
        return respond(Problem.of(status, slug(title), title, detail, List.of()), uri);
    }

    /** No credentials, or credentials that do not check out: 401, and how to authenticate. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return unauthenticated(UNAUTHENTICATED, uri);
    }

    /** The 401 problem, saying which credentials the operation takes. */
    public static Response unauthenticated(String detail, UriInfo uri) {
        Response problem = respond(Problem.of(401, "unauthenticated", "Unauthenticated", detail, List.of()), uri);
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer realm=\"tierline\"").build();
    }

    /** Authenticated, but none of the caller's roles may call this operation. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden",
                "The caller's roles do not allow this operation", List.of()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, HttpServerRequest request) {
        if (request.response().ended()) {
            // the HTTP layer has answered already: a chunked body that grew past the size limit got its 413
            LOG.debugf("%s %s was answered %d before it was read: %s", request.method(), uri.getPath(),
                    request.response().getStatusCode(), e.getMessage());
            return Response.status(request.response().getStatusCode()).build();
        }
        LOG.error("Unexpected failure", e);
        return respond(Problem.of(500, "internal-error", "Internal error",
                "The server could not complete the request", List.of()), uri);
    }

    /** What is wrong with a JSON body that could not be read, for answers in another format than a problem. */
    public static Problem.FieldError jsonError(JsonProcessingException e) {
        return jsonProblem(e).errors().get(0);
    }

    static Problem jsonProblem(JsonProcessingException e) {
        String path = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        String field = path.isEmpty() ? "body" : path;
        String message = jsonMessage(e, field);
        return Problem.of(400, "invalid-json", "Invalid request body", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** What is wrong, in words that echo at most a shortened value, and never the value of a secret field. */
    private static String jsonMessage(JsonProcessingException e, String field) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                // "Document nesting depth (33) exceeds the maximum allowed (32, from `StreamReadConstraints...`)"
                String text = String.valueOf(limit.getOriginalMessage()).replaceAll(",? from `[^`]*`", "");
                return text.isEmpty() ? "exceeds a limit"
                        : "exceeds a limit: " + text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
            }
        }
        if (e instanceof InvalidTextException text) {
            return text.reason();
        }
        if (e instanceof InvalidFormatException format) {
            String echo = RejectedValues.echo(field, format.getValue());
            String expected = expected(format.getTargetType());
            return echo == null ? "is not " + expected : "'" + echo + "' is not " + expected;
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof MismatchedInputException mismatch && String.valueOf(mismatch.getOriginalMessage())
                .startsWith("Trailing token")) {
            return "malformed JSON: content after the end of the document";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException) {
            return "has the wrong type or shape";
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? "malformed JSON"
                : "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The kind of value a Java type is read from, as a caller of the API would name it. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of the right type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
                || type == LocalDateTime.class) {
            return "an ISO-8601 timestamp such as 2026-11-23T16:20:00Z";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 2026-11-23";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT15M";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The property path as a JSON path, without the method and parameter nodes: {@code title}, not
     * {@code create.request.title}; {@code alerts[0].labels[alertname]} for a map value inside a list element.
     */
    static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN) {
                continue;
            }
            // where in its container the node's parent sits: a list index or a map key
            Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
            if (node.isInIterable() && position != null && !path.isEmpty()) {
                path.append('[').append(RejectedValues.echo(null, position)).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return !path.isEmpty() ? path.toString() : parameter != null ? parameter : "body";
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri != null ? uri.getPath() : null))
                .build();
    }
}
