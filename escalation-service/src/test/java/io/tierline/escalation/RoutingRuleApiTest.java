package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Routing rules as data: every change kept as a version; the rules of other tests stay as they were. */
@QuarkusTest
@TestSecurity(user = "lead@tierline.local", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class RoutingRuleApiTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void demoRouting() {
        RoutingFixtures.ensureDemoRouting();
        RoutingFixtures.ensureTeam("storage", "Storage", "L3", List.of("dave", "erin"));
    }

    @AfterEach
    void deleteOwnRules() {
        for (String id : created) {
            given().delete("/api/v1/routing-rules/" + id);
        }
    }

    private static long setVersion() {
        return ((Number) given().get("/api/v1/routing-rules").then().statusCode(200).extract().path("version"))
                .longValue();
    }

    private String createRule(Map<String, Object> body) {
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/routing-rules")
                .then().statusCode(201).extract().path("id");
        created.add(id);
        return id;
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldCreateARuleWithEveryConditionAndKeepAVersionOfTheSet() {
        long before = setVersion();
        int demoPosition = given().get("/api/v1/routing-rules").then().statusCode(200).extract()
                .path("rules.find { it.name == '" + RoutingFixtures.RULE + "' }.position");
        String name = name("db-timeouts");
        RoutingFixtures.ensurePolicy("db-policy");
        UUID customer = UUID.randomUUID();
        UUID runbook = UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name, "position", 1,
                        "conditions", Map.of("severities", List.of("SEV2", "SEV1"), "plans", List.of("ENTERPRISE"),
                                "customers", List.of(customer.toString()), "components", List.of("database"),
                                "tagsAnyOf", List.of("db", "postgres"), "tagsAllOf", List.of("prod"),
                                "sources", List.of("alertmanager"),
                                "text", Map.of("mode", "REGEX", "value", "timeout.*db")),
                        "action", Map.of("tier", "L3", "team", "storage", "escalationPolicyId", "db-policy",
                                "runbookArticleId", runbook.toString())))
                .post("/api/v1/routing-rules")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/routing-rules/"))
                .header("ETag", equalTo("\"0\""))
                .body("position", equalTo(1))
                .body("conditions.severities", equalTo(List.of("SEV2", "SEV1")))
                .body("conditions.text.mode", equalTo("REGEX"))
                .body("action.runbookArticleId", equalTo(runbook.toString()))
                .body("createdBy", equalTo("lead@tierline.local"))
                .extract().path("id");
        created.add(id);

        long after = setVersion();
        assertThat(after).isEqualTo(before + 1);
        given().get("/api/v1/routing-rules/versions/" + after).then().statusCode(200)
                .body("change", containsString("created rule '" + name + "' at position 1"))
                .body("changedBy", equalTo("lead@tierline.local"))
                .body("rules[0].name", equalTo(name))
                .body("rules[0].action.team", equalTo("storage"))
                .body("rules.name", hasItem(RoutingFixtures.RULE));
        given().get("/api/v1/routing-rules").then().statusCode(200)
                .body("rules[0].name", equalTo(name))
                // the rules before it moved down one (other tests' rules may stand between)
                .body("rules.find { it.name == '" + RoutingFixtures.RULE + "' }.position",
                        equalTo(demoPosition + 1));

        // explained: the first rule fails and says why, the second decides
        given().contentType(ContentType.JSON).body(Map.of("severity", "SEV1", "plan", "ENTERPRISE",
                        "customerId", customer.toString(), "component", "Database", "tags", List.of("postgres", "prod"),
                        "source", "alertmanager", "title", "Connection timeout in the db pool", "description", "since 02:00"))
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(200)
                .body("rule", equalTo(name))
                .body("team", equalTo("storage"))
                .body("escalationPolicyId", equalTo("db-policy"))
                .body("runbookArticleId", equalTo(runbook.toString()))
                .body("teamInfo.members", equalTo(List.of("dave", "erin")))
                .body("responders.id", equalTo(List.of("dave", "erin")))
                .body("evaluations[0].reasons", hasItem("text matches /timeout.*db/"));
        given().contentType(ContentType.JSON).body(Map.of("severity", "SEV1", "plan", "ENTERPRISE",
                        "title", "Connection timeout"))
                .post("/api/v1/routing-rules/evaluate")
                .then().statusCode(200)
                .body("rule", equalTo(RoutingFixtures.RULE))
                // every rule before the deciding one did not match, and says why (other tests' rules may be there too)
                .body("evaluations.size()", equalTo(demoPosition + 1))
                .body("evaluations.matched", equalTo(java.util.stream.IntStream.rangeClosed(0, demoPosition)
                        .mapToObj(i -> i == demoPosition).toList()))
                .body("evaluations[0].matched", equalTo(false))
                .body("evaluations[0].reasons", hasItem("component (none) is not one of [database]"))
                .body("explanation", containsString("'" + name + "' did not match"))
                .body("runbookArticleId", nullValue());
    }

    @Test
    void shouldRefuseABadRegexAndAnUnknownTeamWith422NamingTheFields() {
        long before = setVersion();
        given().contentType(ContentType.JSON).body(Map.of("name", name("broken"),
                        "conditions", Map.of("text", Map.of("mode", "REGEX", "value", "timeout(")),
                        "action", Map.of("tier", "L2", "team", "no-such-team")))
                .post("/api/v1/routing-rules")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("conditions.text.value", "action.team")))
                .body("errors[1].message", containsString("no-such-team"));
        given().contentType(ContentType.JSON).body(Map.of("name", RoutingFixtures.RULE,
                        "conditions", Map.of("sources", List.of("fax")),
                        "action", Map.of("tier", "L2", "team", "core")))
                .post("/api/v1/routing-rules")
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("name", "conditions.sources")));
        given().contentType(ContentType.JSON).body(Map.of("name", name("far"), "position", 99,
                        "action", Map.of("tier", "L2", "team", "core")))
                .post("/api/v1/routing-rules")
                .then().statusCode(422).body("errors.field", equalTo(List.of("position")));
        given().contentType(ContentType.JSON).body(Map.of("name", name("no-action")))
                .post("/api/v1/routing-rules")
                .then().statusCode(400).body("errors.field", equalTo(List.of("action")));
        assertThat(setVersion()).isEqualTo(before);
    }

    @Test
    void shouldPatchARuleWithIfMatchAsAMergePatch() {
        String name = name("patched");
        String id = createRule(Map.of("name", name, "conditions", Map.of("severities", List.of("SEV3"),
                "components", List.of("api")), "action", Map.of("tier", "L1", "team", "frontline")));
        String etag = given().get("/api/v1/routing-rules/" + id).then().statusCode(200).extract().header("ETag");
        long before = setVersion();

        given().contentType(MERGE_PATCH).body("{\"name\":\"x\"}").patch("/api/v1/routing-rules/" + id)
                .then().statusCode(428);
        String next = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"conditions\":{\"components\":null,\"tagsAnyOf\":[\"edge\"]},\"action\":{\"team\":\"core\"}}")
                .patch("/api/v1/routing-rules/" + id)
                .then().statusCode(200)
                .body("conditions.severities", equalTo(List.of("SEV3")))
                .body("conditions.components", equalTo(List.of()))
                .body("conditions.tagsAnyOf", equalTo(List.of("edge")))
                .body("action.tier", equalTo("L1"))
                .body("action.team", equalTo("core"))
                .extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        assertThat(setVersion()).isEqualTo(before + 1);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"name\":\"stale\"}")
                .patch("/api/v1/routing-rules/" + id).then().statusCode(412);
        given().contentType(MERGE_PATCH).header("If-Match", next)
                .body("{\"conditions\":{\"text\":{\"mode\":\"REGEX\",\"value\":\"[unclosed\"}}}")
                .patch("/api/v1/routing-rules/" + id)
                .then().statusCode(422).body("errors.field", equalTo(List.of("conditions.text.value")));
        given().contentType(MERGE_PATCH).header("If-Match", next)
                .body("{\"position\":1,\"conditions\":{\"colour\":\"red\"}}")
                .patch("/api/v1/routing-rules/" + id)
                .then().statusCode(400).body("errors.field", equalTo(List.of("position", "conditions.colour")));
        assertThat(setVersion()).isEqualTo(before + 1);
    }

    @Test
    void shouldReorderTheWholeSetAndKeepEachChange() {
        String first = createRule(Map.of("name", name("first"), "conditions", Map.of("plans", List.of("STANDARD")),
                "action", Map.of("tier", "L1", "team", "frontline")));
        String second = createRule(Map.of("name", name("second"), "conditions", Map.of("plans", List.of("BUSINESS")),
                "action", Map.of("tier", "L2", "team", "core")));
        List<String> ids = given().get("/api/v1/routing-rules").then().extract().path("rules.id");
        assertThat(ids).endsWith(first, second);
        long before = setVersion();

        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        given().contentType(ContentType.JSON).body(Map.of("ruleIds", reversed)).put("/api/v1/routing-rules/order")
                .then().statusCode(200)
                .body("version", equalTo((int) before + 1))
                .body("rules.id", equalTo(reversed))
                .body("rules[0].position", equalTo(1));
        given().get("/api/v1/routing-rules/versions?limit=1").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].version", equalTo((int) before + 1))
                .body("items[0].change", containsString("reordered"))
                .body("nextBefore", equalTo((int) before + 1));
        given().get("/api/v1/routing-rules/versions?limit=1&before=" + (before + 1)).then().statusCode(200)
                .body("items[0].version", equalTo((int) before));

        given().contentType(ContentType.JSON).body(Map.of("ruleIds", List.of(first, UUID.randomUUID().toString(), first)))
                .put("/api/v1/routing-rules/order")
                .then().statusCode(422).body("errors.field", hasItem("ruleIds[1]")).body("errors.field", hasItem("ruleIds[2]"));
        given().contentType(ContentType.JSON).body(Map.of("ruleIds", ids)).put("/api/v1/routing-rules/order").then().statusCode(200);

        given().delete("/api/v1/routing-rules/" + first).then().statusCode(204);
        given().get("/api/v1/routing-rules/" + first).then().statusCode(404);
        assertThat(setVersion()).isEqualTo(before + 3);
        given().get("/api/v1/routing-rules/versions/" + (before + 3)).then().statusCode(200)
                .body("change", containsString("deleted rule"))
                .body("rules.id", equalTo(ids.stream().filter(id -> !id.equals(first)).toList()));
        given().get("/api/v1/routing-rules/versions/999999").then().statusCode(404);
    }
}
