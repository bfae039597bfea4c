package io.tierline.escalation;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo teams and rule, made through the API as ./tierline up makes them. Idempotent: Quarkus tests share one
 * database per test JVM, so whichever test runs first creates them and the others find them. Needs a caller with the
 * admin role.
 */
final class RoutingFixtures {

    static final String RULE = "sev1-sev2-to-l2";

    static void ensureDemoRouting() {
        ensureTeam("frontline", "Frontline", "L1", List.of("carol"));
        ensureTeam("core", "Core", "L2", List.of("alice", "bob"));
        ensureTeam("engineering", "Engineering", "L3", List.of("dave"));
        List<String> names = given().get("/api/v1/routing-rules").then().statusCode(200).extract().path("rules.name");
        if (!names.contains(RULE)) {
            given().contentType(ContentType.JSON).body(Map.of("name", RULE, "position", 1,
                            "conditions", Map.of("severities", List.of("SEV1", "SEV2")),
                            "action", Map.of("tier", "L2", "team", "core")))
                    .post("/api/v1/routing-rules").then().statusCode(201);
        }
    }

    static void ensureTeam(String id, String name, String tier, List<String> members) {
        int status = given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", name, "tier", tier, "members", members))
                .post("/api/v1/teams").then().extract().statusCode();
        assertThat(status).isIn(201, 409);
    }

    /** A one-level policy paging a person, for teams and rules that name a policy. */
    static void ensurePolicy(String id) {
        int status = given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", id, "levels", List.of(Map.of(
                        "targets", List.of(Map.of("type", "person", "id", "alice")), "delay", "PT5M"))))
                .post("/api/v1/escalation-policies").then().extract().statusCode();
        assertThat(status).isIn(201, 409);
    }

    private RoutingFixtures() {
    }
}
