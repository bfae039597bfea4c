package io.tierline.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierline.contracts.Severity;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.MergePatch.Change;
import io.tierline.ticket.domain.TicketStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A JSON merge patch of a ticket, read strictly by {@link MergePatch}. A field that is not part of the patch is
 * {@code null} here; a field the patch clears is a {@link Change} whose value is {@code null}.
 */
public record TicketPatch(Change<TicketStatus> status, Change<Severity> severity, Change<String> title,
                          Change<String> description, Change<String> assignee, Change<String> team,
                          Change<String> component, Change<String> environment, Change<String> productVersion,
                          Change<List<String>> tags, Change<String> statusReason, Change<String> resolutionNote,
                          Change<UUID> problemId) {

    public static final int MAX_TAGS = 30;
    public static final int MAX_TAG_LENGTH = 50;

    /** Fields a patch may set. */
    public static final List<String> EDITABLE = List.of("status", "severity", "title", "description", "assignee",
            "team", "component", "environment", "productVersion", "tags", "statusReason", "resolutionNote",
            "problemId");

    /** Fields a ticket shows that change only through their own operations, or never. */
    private static final Map<String, String> READ_ONLY = readOnly();

    public boolean isEmpty() {
        return status == null && severity == null && title == null && description == null && assignee == null
                && team == null && component == null && environment == null && productVersion == null && tags == null
                && statusReason == null && resolutionNote == null && problemId == null;
    }

    /** Reads a merge patch; a 400 problem naming every field at fault when it is not a valid one. */
    public static TicketPatch parse(JsonNode document) {
        MergePatch patch = MergePatch.of(document, "ticket");
        TicketPatch read = new TicketPatch(
                patch.enumValue("status", TicketStatus.class),
                patch.enumValue("severity", Severity.class),
                patch.text("title", 300, true),
                patch.text("description", 20000, false),
                patch.text("assignee", 200, false),
                patch.text("team", 100, false),
                patch.text("component", 100, false),
                patch.text("environment", 200, false),
                patch.text("productVersion", 100, false),
                patch.texts("tags", MAX_TAGS, MAX_TAG_LENGTH, null),
                patch.text("statusReason", 1000, false),
                patch.text("resolutionNote", 20000, false),
                patch.uuid("problemId", false, "must be a ticket id (a UUID in canonical form)"));
        patch.finish(EDITABLE, READ_ONLY);
        return read;
    }


    private static Map<String, String> readOnly() {
        Map<String, String> fields = new HashMap<>();
        for (String field : List.of("id", "customerId", "plan", "source", "dedupKey", "occurrences", "alertResolvedAt",
                "openedBy", "createdAt", "updatedAt", "resolvedAt", "closedAt", "firstRespondedAt")) {
            fields.put(field, "");
        }
        fields.put("tier", "escalate the ticket: POST /api/v1/tickets/{id}/escalations");
        return Map.copyOf(fields);
    }
}
