package io.tierline.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierline.contracts.Severity;
import io.tierline.platform.input.StorableText;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.TicketStatus;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON merge patch (RFC 7396) of a ticket, read strictly: a member present sets the field, {@code null} clears an
 * optional one, an absent member leaves it alone. Every field at fault is named at once; a member the ticket does not
 * have, or may not be edited this way, is refused rather than ignored, so a misspelt field is never a silently lost
 * edit.
 *
 * <p>A field that is not part of the patch is {@code null} here; a field the patch clears is a {@link Change} whose
 * value is {@code null}.
 */
public record TicketPatch(Change<TicketStatus> status, Change<Severity> severity, Change<String> title,
                          Change<String> description, Change<String> assignee, Change<String> team,
                          Change<String> component, Change<String> environment, Change<String> productVersion,
                          Change<List<String>> tags, Change<String> statusReason, Change<String> resolutionNote) {

    /** A member of the patch: the value it sets, {@code null} when it clears the field. */
    public record Change<T>(T value) {
    }

    public static final int MAX_TAGS = 30;
    public static final int MAX_TAG_LENGTH = 50;

    /** Editable text fields and their longest value. */
    static final Map<String, Integer> TEXT_LIMITS = Map.of(
            "title", 300, "description", 20000, "assignee", 200, "team", 100, "component", 100,
            "environment", 200, "productVersion", 100, "statusReason", 1000, "resolutionNote", 20000);

    /** Fields a ticket shows that change only through their own operations or never. */
    static final Set<String> READ_ONLY = Set.of("id", "customerId", "plan", "tier", "source", "dedupKey", "occurrences",
            "alertResolvedAt", "openedBy", "createdAt", "updatedAt", "resolvedAt", "closedAt", "firstRespondedAt");

    /** Fields a patch may set. */
    public static final List<String> EDITABLE = List.of("status", "severity", "title", "description", "assignee",
            "team", "component", "environment", "productVersion", "tags", "statusReason", "resolutionNote");

    private static final Set<String> REQUIRED = Set.of("status", "severity", "title");

    public boolean isEmpty() {
        return status == null && severity == null && title == null && description == null && assignee == null
                && team == null && component == null && environment == null && productVersion == null && tags == null
                && statusReason == null && resolutionNote == null;
    }

    /** Reads a merge patch; a 400 problem naming every field at fault when it is not a valid one. */
    public static TicketPatch parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new ProblemException(Problem.invalid("body", "must be a JSON object (a JSON merge patch of the ticket)"));
        }
        Reader reader = new Reader(document);
        TicketPatch patch = new TicketPatch(
                reader.enumValue("status", TicketStatus.class),
                reader.enumValue("severity", Severity.class),
                reader.text("title"), reader.text("description"), reader.text("assignee"), reader.text("team"),
                reader.text("component"), reader.text("environment"), reader.text("productVersion"),
                reader.tags(), reader.text("statusReason"), reader.text("resolutionNote"));
        reader.unknownMembers();
        if (!reader.errors.isEmpty()) {
            String detail = reader.errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; "));
            throw new ProblemException(Problem.of(400, "invalid-request", "Invalid request", detail,
                    List.copyOf(reader.errors)));
        }
        return patch;
    }

    private static final class Reader {
        private final JsonNode document;
        private final List<Problem.FieldError> errors = new ArrayList<>();

        Reader(JsonNode document) {
            this.document = document;
        }

        <E extends Enum<E>> Change<E> enumValue(String field, Class<E> type) {
            JsonNode node = document.get(field);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                errors.add(new Problem.FieldError(field, "cannot be removed"));
                return null;
            }
            if (node.isTextual()) {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equals(node.textValue())) {
                        return new Change<>(constant);
                    }
                }
            }
            errors.add(new Problem.FieldError(field, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", "))));
            return null;
        }

        Change<String> text(String field) {
            JsonNode node = document.get(field);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                if (REQUIRED.contains(field)) {
                    errors.add(new Problem.FieldError(field, "cannot be removed"));
                    return null;
                }
                return new Change<>(null);
            }
            if (!node.isTextual()) {
                errors.add(new Problem.FieldError(field, "must be a string" + (REQUIRED.contains(field) ? "" : " or null")));
                return null;
            }
            String value = node.textValue();
            String problem = StorableText.defect(value);
            if (problem == null && value.isBlank()) {
                problem = REQUIRED.contains(field) ? "must not be blank" : "must not be blank (null clears it)";
            }
            int max = TEXT_LIMITS.get(field);
            if (problem == null && value.length() > max) {
                problem = "size must be between 1 and " + max;
            }
            if (problem != null) {
                errors.add(new Problem.FieldError(field, problem));
                return null;
            }
            return new Change<>(value);
        }

        Change<List<String>> tags() {
            JsonNode node = document.get("tags");
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Change<>(List.of());
            }
            if (!node.isArray() || node.size() > MAX_TAGS) {
                errors.add(new Problem.FieldError("tags", "must be an array of at most " + MAX_TAGS + " tags, or null"));
                return null;
            }
            Set<String> tags = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode tag = node.get(i);
                String field = "tags[" + i + "]";
                if (!tag.isTextual() || tag.textValue().isBlank() || tag.textValue().length() > MAX_TAG_LENGTH) {
                    errors.add(new Problem.FieldError(field, "must be a string of 1 to " + MAX_TAG_LENGTH
                            + " characters, not blank"));
                } else if (StorableText.defect(tag.textValue()) != null) {
                    errors.add(new Problem.FieldError(field, StorableText.defect(tag.textValue())));
                } else {
                    tags.add(tag.textValue());
                }
            }
            return new Change<>(List.copyOf(tags));
        }

        void unknownMembers() {
            for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (READ_ONLY.contains(name)) {
                    errors.add(new Problem.FieldError(name, "cannot be changed by a patch"
                            + ("tier".equals(name) ? " (escalate the ticket: POST /api/v1/tickets/{id}/escalations)" : "")));
                } else if (!EDITABLE.contains(name)) {
                    errors.add(new Problem.FieldError(name, "is not a field of a ticket; a patch may set "
                            + String.join(", ", EDITABLE)));
                }
            }
        }
    }
}
