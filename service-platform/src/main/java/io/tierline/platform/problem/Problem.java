package io.tierline.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 7807 problem answer ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://tierline.io/problems/";

    /** One invalid input: the field's JSON path (or parameter name) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, errors);
    }

    /** 400: one field or parameter is invalid, and why. */
    public static Problem invalid(String field, String message) {
        return of(400, "invalid-request", "Invalid request", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
