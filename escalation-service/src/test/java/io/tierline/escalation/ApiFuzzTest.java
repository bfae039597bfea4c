package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.fuzz.ApiFuzzContract;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Malformed and adversarial requests to every operation: no 5xx, problem answers, nothing changed. */
@QuarkusTest
@TestProfile(ApiFuzzContract.FreshDatabase.class)
@WithTestResource(TierlineInfrastructure.class)
class ApiFuzzTest extends ApiFuzzContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /**
     * A team, a routing rule (so one set version), a routed ticket, a schedule and a policy targeting it (so the
     * schedule cannot be deleted), so reads of rows that exist, and refused writes to them, are fuzzed too.
     */
    @Override
    protected Map<String, List<String>> fixtures() {
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("id", "fuzz-team", "name", "Fuzz team", "tier", "L2", "members", List.of("fuzz")))
                .post("/api/v1/teams").then().statusCode(201);
        String rule = given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz-rule", "conditions", Map.of("severities", List.of("SEV1")),
                        "action", Map.of("tier", "L2", "team", "fuzz-team")))
                .post("/api/v1/routing-rules").then().statusCode(201).extract().path("id");
        UUID ticket = openedTicket(bootstrap, Plan.BUSINESS, Severity.SEV2, "/api/v1/escalations/%s");
        String schedule = given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Fuzz", "timeZone": "Europe/Berlin",
                         "layers": [{"name": "primary", "rotation": {"participants": ["alice", "bob"],
                           "shiftLength": {"amount": 1, "unit": "WEEKS"}, "start": "2026-11-30T09:00"}}]}""")
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("""
                        {"id": "fuzz-policy", "name": "Fuzz",
                         "levels": [{"targets": [{"type": "schedule", "id": "%s"}], "delay": "PT5M"}]}"""
                        .formatted(schedule))
                .post("/api/v1/escalation-policies").then().statusCode(201);
        return Map.of("ticketId", List.of(ticket.toString()), "id", List.of(schedule, "fuzz-policy", rule, "fuzz-team"),
                "version", List.of("1"));
    }
}
