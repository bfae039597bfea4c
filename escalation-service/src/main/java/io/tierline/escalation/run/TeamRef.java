package io.tierline.escalation.run;

import io.tierline.contracts.Tier;

import java.util.List;
import java.util.UUID;

/** What an escalation needs to know of a team: its tier, its policy, and who answers for it. */
public record TeamRef(String id, Tier tier, String escalationPolicyId, UUID scheduleId, List<String> members) {

    public TeamRef {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
