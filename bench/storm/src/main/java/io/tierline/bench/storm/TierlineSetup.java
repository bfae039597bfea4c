package io.tierline.bench.storm;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the bench configures in Tierline through the admin API, so that its incidents, and only its incidents, page its
 * receiver: an escalation policy paging one person at once (the next level is a day away, so nothing climbs during a
 * run), an L3 team using it (L3: nothing moves a tier up), that person's webhook contact method (the receiver), two
 * customers of the run's own (STANDARD: SEV1 first response in an hour by default, so no breach during a run;
 * ENTERPRISE: the short demo target the breach storm needs), an integration key for the PagerDuty intake, and a
 * routing rule placed first that sends those customers' tickets to the team. The rule and the integration are removed
 * at the end; the policy, team and contact method are kept for the next run.
 */
final class TierlineSetup {

    static final String POLICY = "storm-bench";
    static final String TEAM = "storm-bench";
    static final String PERSON = "storm-bench-responder";
    static final String RULE_PREFIX = "storm-bench";

    private final Api api;
    private final Config config;
    private final String run;
    private final Consumer<String> log;

    UUID standardCustomer;
    UUID enterpriseCustomer;
    UUID integration;
    String integrationKey;
    UUID rule;

    TierlineSetup(Api api, Config config, String run, Consumer<String> log) {
        this.api = api;
        this.config = config;
        this.run = run;
        this.log = log;
    }

    void setUp(String receiverUrl) {
        String admin = config.adminToken();
        Api.Answer policy = api.expect("POST", config.escalation(), "/api/v1/escalation-policies", admin, Map.of(
                "id", POLICY, "name", "Storm bench",
                "levels", List.of(Map.of("targets", List.of(Map.of("type", "person", "id", PERSON)), "delay", "PT24H")),
                "repeats", 0), 201, 409);
        log.accept("escalation policy " + POLICY + (policy.status() == 201 ? " created" : " kept"));
        Api.Answer team = api.expect("POST", config.escalation(), "/api/v1/teams", admin, Map.of(
                "id", TEAM, "name", "Storm bench", "tier", "L3", "members", List.of(PERSON),
                "escalationPolicyId", POLICY), 201, 409);
        log.accept("team " + TEAM + " (L3, " + PERSON + ")" + (team.status() == 201 ? " created" : " kept"));

        String people = "/api/v1/people/" + PERSON + "/contact-methods";
        JsonNode methods = api.expect("GET", config.notification(), people, admin, null, 200).body();
        boolean present = false;
        for (JsonNode method : methods) {
            if (receiverUrl.equals(method.path("address").asText())) {
                present = true;
            } else {
                // an earlier run's receiver on another port would be tried first and fail: only ours stays
                api.expect("DELETE", config.notification(), people + "/" + method.path("id").asText(), admin, null,
                        200, 204, 404);
            }
        }
        if (!present) {
            api.expect("POST", config.notification(), people, admin,
                    Map.of("type", "WEBHOOK", "address", receiverUrl), 200, 201);
        }
        log.accept("contact method " + PERSON + " -> " + receiverUrl);

        standardCustomer = customer("STANDARD");
        enterpriseCustomer = customer("ENTERPRISE");
        JsonNode created = api.expect("POST", config.ticket(), "/api/v1/integrations", admin,
                Map.of("name", "Storm bench " + run, "customerId", standardCustomer.toString()), 201).body();
        integration = UUID.fromString(created.path("id").asText());
        integrationKey = created.path("key").asText();
        log.accept("customers " + standardCustomer + " (STANDARD), " + enterpriseCustomer
                + " (ENTERPRISE); integration " + integration);

        for (JsonNode existing : api.expect("GET", config.escalation(), "/api/v1/routing-rules", admin, null, 200)
                .body().path("rules")) {
            if (existing.path("name").asText().startsWith(RULE_PREFIX)) {
                api.expect("DELETE", config.escalation(), "/api/v1/routing-rules/" + existing.path("id").asText(),
                        admin, null, 204, 200, 404);
                log.accept("removed the routing rule of an earlier run: " + existing.path("name").asText());
            }
        }
        JsonNode added = api.expect("POST", config.escalation(), "/api/v1/routing-rules", admin, Map.of(
                "name", RULE_PREFIX + "-" + run, "position", 1,
                "conditions", Map.of("customers", List.of(standardCustomer.toString(), enterpriseCustomer.toString())),
                "action", Map.of("tier", "L3", "team", TEAM)), 201).body();
        rule = UUID.fromString(added.path("id").asText());
        log.accept("routing rule " + RULE_PREFIX + "-" + run + " at position 1: the run's customers -> L3 " + TEAM);
    }

    private UUID customer(String plan) {
        JsonNode created = api.expect("POST", config.ticket(), "/api/v1/customers", config.adminToken(),
                Map.of("name", "Storm bench " + run + " " + plan.toLowerCase(), "plan", plan), 201).body();
        return UUID.fromString(created.path("id").asText());
    }

    /** The first-response target of ENTERPRISE SEV1 as sla-service has it configured. */
    Duration enterpriseSev1Target() {
        JsonNode target = api.expect("GET", config.sla(), "/api/v1/sla-policies", config.adminToken(), null, 200)
                .body().path("firstResponse").path("ENTERPRISE").path("SEV1");
        if (target.isNumber()) {
            return Duration.ofNanos((long) (target.asDouble() * 1e9));
        }
        return Duration.parse(target.asText());
    }

    void tearDown() {
        if (rule != null) {
            api.call("DELETE", config.escalation(), "/api/v1/routing-rules/" + rule, config.adminToken(), null);
        }
        if (integration != null) {
            api.call("DELETE", config.ticket(), "/api/v1/integrations/" + integration, config.adminToken(), null);
        }
    }
}
