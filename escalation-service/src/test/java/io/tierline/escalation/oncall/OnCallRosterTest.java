package io.tierline.escalation.oncall;

import io.tierline.contracts.events.Responder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OnCallRosterTest {

    private final OnCallRoster roster = new OnCallRoster(Map.of(
            "frontline", List.of("carol"),
            "core", List.of("alice", " bob ", "alice", "")));

    @Test
    void shouldPageTheTeamsPeopleInRosterOrder() {
        assertThat(roster.onCall("core")).containsExactly(new Responder("alice", "alice"), new Responder("bob", "bob"));
    }

    @Test
    void shouldHaveNobodyOnCallForAnUnknownTeam() {
        assertThat(roster.onCall("nobody")).isEmpty();
    }

    @Test
    void shouldListTeamsByName() {
        assertThat(roster.teams().keySet()).containsExactly("core", "frontline");
    }
}
