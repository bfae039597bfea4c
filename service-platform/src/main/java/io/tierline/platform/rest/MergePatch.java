package io.tierline.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierline.platform.input.StorableText;
import io.tierline.platform.problem.ParameterConverters;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.problem.ProblemMappers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a JSON merge patch (RFC 7396) strictly, collecting every field at fault so one 400 names them all: a member
 * present sets the field, {@code null} clears an optional one, an absent member leaves it alone. {@link #finish}
 * refuses members the resource does not have or that a patch may not set, so a misspelt field is never a silently
 * lost edit.
 *
 * <p>Each reader answers {@code null} when the member is absent (or at fault), else a {@link Change} whose value is
 * {@code null} when the member clears the field.
 */
public final class MergePatch {

    /** A member of the patch: the value it sets, {@code null} when it clears the field. */
    public record Change<T>(T value) {
    }

    private final JsonNode document;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private MergePatch(JsonNode document) {
        this.document = document;
    }

    /** The JSON document a request body holds (read with the service's limits); a 400 naming what is wrong if none. */
    public static JsonNode document(ObjectMapper json, String body, String what) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(Problem.invalid("body", "is required: a JSON merge patch of the " + what));
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            Problem.FieldError error = ProblemMappers.jsonError(e);
            throw new ProblemException(Problem.invalid(error.field(), error.message()));
        }
    }

    /** Starts reading; a 400 when the document is not a JSON object. */
    public static MergePatch of(JsonNode document, String what) {
        if (document == null || !document.isObject()) {
            throw new ProblemException(Problem.invalid("body", "must be a JSON object (a JSON merge patch of the "
                    + what + ")"));
        }
        return new MergePatch(document);
    }

    public <E extends Enum<E>> Change<E> enumValue(String field, Class<E> type) {
        JsonNode node = document.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            return fault(field, "cannot be removed");
        }
        if (node.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(node.textValue())) {
                    return new Change<>(constant);
                }
            }
        }
        return fault(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", ")));
    }

    /** Text of 1 to {@code max} characters, not blank; {@code required} fields cannot be cleared. */
    public Change<String> text(String field, int max, boolean required) {
        JsonNode node = document.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            return required ? fault(field, "cannot be removed") : new Change<>(null);
        }
        if (!node.isTextual()) {
            return fault(field, "must be a string" + (required ? "" : " or null"));
        }
        String problem = textProblem(node.textValue(), max, required ? "must not be blank"
                : "must not be blank (null clears it)");
        return problem == null ? new Change<>(node.textValue()) : fault(field, problem);
    }

    /**
     * Text that {@code parse} turns into a value, or answers null for when it is not one ({@code expected} then
     * says what it must be).
     */
    public <T> Change<T> parsed(String field, int max, boolean required, Function<String, T> parse, String expected) {
        Change<String> text = text(field, max, required);
        if (text == null || text.value() == null) {
            return text == null ? null : new Change<>(null);
        }
        T value = parse.apply(text.value());
        return value == null ? fault(field, expected) : new Change<>(value);
    }

    /** A UUID in its canonical form (as path and query parameters take it); {@code null} clears it. */
    public Change<UUID> uuid(String field, boolean required, String expected) {
        return parsed(field, 36, required, text -> {
            try {
                return ParameterConverters.uuid(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }, expected);
    }

    /**
     * A list of distinct texts (duplicates dropped, order kept), each 1 to {@code maxLength} characters and, when
     * {@code valid} is given, accepted by it; {@code null} clears the list.
     */
    public Change<List<String>> texts(String field, int maxItems, int maxLength, Function<String, String> valid) {
        JsonNode node = document.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            return new Change<>(List.of());
        }
        if (!node.isArray() || node.size() > maxItems) {
            return fault(field, "must be an array of at most " + maxItems + " items, or null");
        }
        Set<String> values = new LinkedHashSet<>();
        boolean faulty = false;
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String problem = item.isTextual() ? textProblem(item.textValue(), maxLength, "must not be blank")
                    : "must be a string";
            if (problem == null && valid != null) {
                problem = valid.apply(item.textValue());
            }
            if (problem != null) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", problem));
                faulty = true;
            } else {
                values.add(item.textValue());
            }
        }
        return faulty ? null : new Change<>(List.copyOf(values));
    }

    /**
     * Refuses the members that are not in {@code editable} ({@code readOnly} ones, mapped to a word on where they
     * change or to ""), then answers one 400 naming every field at fault, if any.
     */
    public void finish(Collection<String> editable, Map<String, String> readOnly) {
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String shown = StorableText.cut(name, 64);
            if (readOnly.containsKey(name)) {
                String hint = readOnly.get(name);
                errors.add(new Problem.FieldError(shown, "cannot be changed by a patch"
                        + (hint.isEmpty() ? "" : " (" + hint + ")")));
            } else if (!editable.contains(name)) {
                errors.add(new Problem.FieldError(shown, "is not a field that can be set; a patch may set "
                        + String.join(", ", editable)));
            }
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
            throw new ProblemException(Problem.of(400, "invalid-request", "Invalid request", detail, List.copyOf(errors)));
        }
    }

    private static String textProblem(String value, int max, String blank) {
        String problem = StorableText.defect(value);
        if (problem == null && value.isBlank()) {
            problem = blank;
        }
        if (problem == null && value.length() > max) {
            problem = "size must be between 1 and " + max;
        }
        return problem;
    }

    private <T> Change<T> fault(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return null;
    }
}
