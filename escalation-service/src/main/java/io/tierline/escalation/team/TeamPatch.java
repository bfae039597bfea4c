package io.tierline.escalation.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierline.contracts.Tier;
import io.tierline.platform.rest.MergePatch;
import io.tierline.platform.rest.MergePatch.Change;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A JSON merge patch of a team (see {@link MergePatch}): name, tier, product area, members, escalation policy and
 * schedule. Name and tier cannot be removed; {@code null} clears the others ({@code members}: nobody).
 */
public record TeamPatch(Change<String> name, Change<Tier> tier, Change<String> productArea,
                        Change<List<String>> members, Change<String> escalationPolicyId, Change<UUID> scheduleId) {

    public static final List<String> EDITABLE = List.of("name", "tier", "productArea", "members",
            "escalationPolicyId", "scheduleId");
    private static final Map<String, String> READ_ONLY = Map.of("id", "a team's id is its name in rules and events;"
                    + " create a new team instead", "version", "", "createdAt", "", "createdBy", "", "updatedAt", "",
            "updatedBy", "");

    public static TeamPatch parse(JsonNode document) {
        MergePatch patch = MergePatch.of(document, "team");
        TeamPatch read = new TeamPatch(
                patch.text("name", Teams.MAX_NAME, true),
                patch.enumValue("tier", Tier.class),
                patch.text("productArea", Teams.MAX_PRODUCT_AREA, false),
                patch.texts("members", Teams.MAX_MEMBERS, Teams.MAX_PERSON_ID, null),
                patch.text("escalationPolicyId", Teams.MAX_POLICY_ID, false),
                patch.uuid("scheduleId", false, "must be a UUID"));
        patch.finish(EDITABLE, READ_ONLY);
        return read;
    }

}
