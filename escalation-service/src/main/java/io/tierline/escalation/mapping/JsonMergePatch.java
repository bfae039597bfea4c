package io.tierline.escalation.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * RFC 7396 applied to a whole document: objects merge member by member, {@code null} removes a member, anything else
 * (arrays included) replaces. Schedules and policies are validated as a whole after merging, so a patch that leaves
 * a schedule unable to be evaluated is refused like a POST of the result would be.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /** The patched copy of {@code target}; neither argument is changed. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? target : patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> members = patch.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
