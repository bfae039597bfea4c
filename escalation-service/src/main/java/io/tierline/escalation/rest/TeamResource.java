package io.tierline.escalation.rest;

import io.tierline.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.common.annotation.NonBlocking;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.oncall.OnCallRoster;
import io.tierline.escalation.routing.RoutingRules;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

@Path("/api/v1/teams")
@Tag(name = "Teams")
public class TeamResource {

    /** A team, who is on call for it now, and the routing rules that send tickets to it ({@code default} included). */
    public record TeamView(String name, List<Responder> onCall, List<String> routedBy) {
    }

    private final OnCallRoster roster;
    private final RoutingRules rules;

    TeamResource(OnCallRoster roster, RoutingRules rules) {
        this.roster = roster;
        this.rules = rules;
    }

    /** Every team of the roster or the routing rules, by name; a team routing uses but nobody covers shows empty. */
    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN})
    @GET
    @NonBlocking
    public List<TeamView> list() {
        Set<String> names = new TreeSet<>(roster.teams().keySet());
        names.addAll(rules.teams());
        return names.stream().map(name -> new TeamView(name, roster.onCall(name), routedBy(name))).toList();
    }

    private List<String> routedBy(String team) {
        List<String> byRules = rules.rules().stream()
                .filter(rule -> rule.action().team().equals(team))
                .map(RoutingRules.Rule::name)
                .toList();
        if (!rules.defaultTeam().equals(team)) {
            return byRules;
        }
        List<String> all = new ArrayList<>(byRules);
        all.add(RoutingRules.DEFAULT_RULE);
        return List.copyOf(all);
    }
}
