package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class EscalationApiTest {

    @BeforeEach
    void demoRouting() {
        RoutingFixtures.ensureDemoRouting();
    }

    @Test
    void shouldExplainWhichRuleMatchedAndWhoWouldBePaged() {
        given().contentType(ContentType.JSON).body("{\"severity\":\"SEV2\",\"plan\":\"BUSINESS\"}")
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(200)
                .body("tier", equalTo("L2"))
                .body("team", equalTo("core"))
                .body("rule", equalTo("sev1-sev2-to-l2"))
                .body("defaulted", equalTo(false))
                .body("responders.id", equalTo(List.of("alice", "bob")))
                .body("evaluations", hasSize(1))
                .body("evaluations[0].matched", equalTo(true))
                .body("evaluations[0].reasons", hasItem("severity SEV2 is one of [SEV1, SEV2]"))
                .body("explanation", containsString("Rule 'sev1-sev2-to-l2' (#1) matched"));
    }

    @Test
    void shouldExplainWhyATicketFallsToTheDefault() {
        given().contentType(ContentType.JSON).body("{\"severity\":\"SEV4\",\"plan\":\"ENTERPRISE\"}")
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(200)
                .body("tier", equalTo("L1"))
                .body("team", equalTo("frontline"))
                .body("rule", equalTo("default"))
                .body("defaulted", equalTo(true))
                .body("responders.id", equalTo(List.of("carol")))
                .body("evaluations[0].rule", equalTo("sev1-sev2-to-l2"))
                .body("evaluations[0].matched", equalTo(false))
                .body("evaluations[0].reasons", hasItem("severity SEV4 is not one of [SEV1, SEV2]"))
                .body("explanation", containsString("No rule matched"));
    }

    @Test
    void shouldRejectAnUnknownSeverityNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"severity\":\"SEV9\",\"plan\":\"BUSINESS\"}")
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("severity"))
                .body("detail", containsString("SEV9"));
    }

    @Test
    void shouldRejectMissingFieldsNamingEachOne() {
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("plan", "severity")));

        given().contentType(ContentType.JSON).body("{\"severity\":\"SEV1\"}")
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("plan")));
    }

    @Test
    void shouldRejectMalformedJsonAndAMissingBody() {
        given().contentType(ContentType.JSON).body("{\"severity\": ")
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(400).contentType("application/problem+json");

        given().contentType(ContentType.JSON)
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerNotFoundProblemForATicketNeverRouted() {
        UUID ticketId = UUID.randomUUID();
        given().get("/api/v1/escalations/" + ticketId)
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Escalation not found"))
                .body("detail", containsString(ticketId.toString()))
                .body("instance", equalTo("/api/v1/escalations/" + ticketId));

        given().get("/api/v1/escalations/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("ticketId"));
    }

    @Test
    void shouldListTheRulesInOrderWithTheSetVersion() {
        given().get("/api/v1/routing-rules").then().statusCode(200)
                .body("version", greaterThan(0))
                .body("defaultTier", equalTo("L1"))
                .body("defaultTeam", equalTo("frontline"))
                .body("rules", hasSize(1))
                .body("rules[0].position", equalTo(1))
                .body("rules[0].name", equalTo("sev1-sev2-to-l2"))
                .body("rules[0].conditions.severities", equalTo(List.of("SEV1", "SEV2")))
                .body("rules[0].conditions.plans", equalTo(List.of()))
                .body("rules[0].action.tier", equalTo("L2"))
                .body("rules[0].action.team", equalTo("core"));
    }

    @Test
    void shouldListTeamsWithTheirOnCallPeople() {
        given().get("/api/v1/teams").then().statusCode(200)
                .body("items.id", hasItems("core", "engineering", "frontline"))
                .body("items.find { it.id == 'engineering' }.onCall.id", equalTo(List.of("dave")))
                .body("items.find { it.id == 'engineering' }.tier", equalTo("L3"))
                .body("items.find { it.id == 'core' }.members", equalTo(List.of("alice", "bob")))
                .body("items.find { it.id == 'frontline' }.onCall.name", equalTo(List.of("carol")));
    }

    @Test
    void shouldPublishTheApiInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/routing-rules/evaluate"))
                .body("paths", hasKey("/api/v1/escalations/{ticketId}"))
                .body("paths", hasKey("/api/v1/teams"));
    }
}
