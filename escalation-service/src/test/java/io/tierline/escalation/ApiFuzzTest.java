package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.restassured.http.ContentType;
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

    /** A team, a routing rule (so one set version) and a routed ticket, so reads of what exists are fuzzed too. */
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
        return Map.of("ticketId", List.of(ticket.toString()), "id", List.of(rule, "fuzz-team"),
                "version", List.of("1"));
    }
}
