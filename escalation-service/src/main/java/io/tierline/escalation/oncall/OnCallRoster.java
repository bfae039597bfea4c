package io.tierline.escalation.oncall;

import io.tierline.contracts.events.Responder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who is on call for each team. For now a static roster from configuration (every listed person is on call, and a
 * person's name is their id); on-call schedules with rotations, layers and overrides will answer the same question.
 */
public final class OnCallRoster {

    private final Map<String, List<Responder>> teams;

    /** @param teams team name to the ids of the people on call, in paging order */
    public OnCallRoster(Map<String, List<String>> teams) {
        Map<String, List<Responder>> byTeam = new TreeMap<>();
        teams.forEach((team, people) -> byTeam.put(team, people.stream()
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .distinct()
                .map(id -> new Responder(id, id))
                .toList()));
        this.teams = Collections.unmodifiableMap(new LinkedHashMap<>(byTeam));
    }

    /** The people on call for the team; empty when the team has nobody (or is not in the roster). */
    public List<Responder> onCall(String team) {
        return teams.getOrDefault(team, List.of());
    }

    /** Every team of the roster, by name, with its on-call people. */
    public Map<String, List<Responder>> teams() {
        return teams;
    }
}
