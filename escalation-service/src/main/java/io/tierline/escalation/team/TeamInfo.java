package io.tierline.escalation.team;

import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;

import java.util.List;
import java.util.UUID;

/**
 * A team as the rest of the service sees it: immutable, detached from the database.
 *
 * @param members            person ids, in paging order
 * @param escalationPolicyId null when the team has none
 * @param scheduleId         the team's on-call schedule; null when it has none
 */
public record TeamInfo(String id, String name, Tier tier, String productArea, List<String> members,
                       String escalationPolicyId, UUID scheduleId) {

    public TeamInfo {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** The people paged for the team: its members, in order (a person's name is their id until people have names). */
    public List<Responder> responders() {
        return members.stream().map(id -> new Responder(id, id)).toList();
    }
}
