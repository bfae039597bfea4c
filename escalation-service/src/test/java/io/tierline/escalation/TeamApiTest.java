package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@TestSecurity(user = "lead@tierline.local", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class TeamApiTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ExtractableResponse<Response> create(String id, String tier, List<String> members) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Team " + id, "tier", tier, "productArea", "payments",
                        "members", members))
                .post("/api/v1/teams").then().statusCode(201).extract();
    }

    @Test
    void shouldCreateATeamWithLocationAndETagAndReadItBack() {
        String id = uniqueId("payments");
        UUID schedule = UUID.randomUUID();
        RoutingFixtures.ensurePolicy("payments-policy");
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Payments", "tier", "L2", "productArea", "payments",
                        "members", List.of("erin", "frank", "erin"), "escalationPolicyId", "payments-policy",
                        "scheduleId", schedule.toString()))
                .post("/api/v1/teams")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/teams/" + id))
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(id))
                .body("members", equalTo(List.of("erin", "frank")))
                .body("onCall.id", equalTo(List.of("erin", "frank")))
                .body("escalationPolicyId", equalTo("payments-policy"))
                .body("scheduleId", equalTo(schedule.toString()))
                .body("createdBy", equalTo("lead@tierline.local"));

        given().get("/api/v1/teams/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo("Payments"))
                .body("tier", equalTo("L2"))
                .body("productArea", equalTo("payments"));
    }

    @Test
    void shouldRefuseATakenIdWith409() {
        String id = uniqueId("dup");
        create(id, "L1", List.of("carol"));
        given().contentType(ContentType.JSON).body(Map.of("id", id, "name", "Again", "tier", "L2"))
                .post("/api/v1/teams")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void shouldRefuseAnIdThatIsNoSlugWith422NamingIt() {
        given().contentType(ContentType.JSON).body(Map.of("id", "Core Team", "name", "Core", "tier", "L2"))
                .post("/api/v1/teams")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("id")));
        given().contentType(ContentType.JSON).body(Map.of("id", "-core", "name", "Core", "tier", "L2"))
                .post("/api/v1/teams")
                .then().statusCode(422).body("errors.field", equalTo(List.of("id")));
    }

    @Test
    void shouldRefuseMissingFieldsNamingEachOne() {
        given().contentType(ContentType.JSON).body("{\"id\":\"x\"}")
                .post("/api/v1/teams")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("name", "tier")));
    }

    @Test
    void shouldAnswer404ForAnUnknownTeam() {
        given().get("/api/v1/teams/no-such-team").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldListTeamsByIdAPageAtATime() {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 6);
        create(prefix + "-a", "L1", List.of());
        create(prefix + "-b", "L1", List.of());
        String cursor = null;
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/teams").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            if (cursor == null) {
                break;
            }
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates().contains(prefix + "-a", prefix + "-b");
        given().queryParam("cursor", "not-a-cursor").get("/api/v1/teams")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldPatchWithIfMatchAndRefuseMissingOrStaleETags() {
        String id = uniqueId("patch");
        String etag = create(id, "L1", List.of("carol")).header("ETag");

        given().contentType(MERGE_PATCH).body("{\"tier\":\"L2\"}").patch("/api/v1/teams/" + id)
                .then().statusCode(428).contentType("application/problem+json");

        String next = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"tier\":\"L2\",\"members\":[\"bob\",\"alice\"],\"productArea\":null}")
                .patch("/api/v1/teams/" + id)
                .then().statusCode(200)
                .body("tier", equalTo("L2"))
                .body("members", equalTo(List.of("bob", "alice")))
                .body("productArea", nullValue())
                .body("updatedBy", equalTo("lead@tierline.local"))
                .extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"name\":\"Stale\"}")
                .patch("/api/v1/teams/" + id)
                .then().statusCode(412).contentType("application/problem+json");

        given().contentType(MERGE_PATCH).header("If-Match", next).body("{\"id\":\"other\",\"colour\":\"red\"}")
                .patch("/api/v1/teams/" + id)
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("id", "colour")));
        given().contentType(MERGE_PATCH).header("If-Match", next).body("{\"tier\":\"L9\",\"name\":null}")
                .patch("/api/v1/teams/" + id)
                .then().statusCode(400)
                .body("errors.field", hasItem("tier"))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void shouldKeepATeamARuleRoutesToAndDeleteItOnceNoneDoes() {
        String id = uniqueId("gone");
        create(id, "L3", List.of("dave"));
        String rule = given().contentType(ContentType.JSON).body(Map.of("name", "to-" + id,
                        "action", Map.of("tier", "L3", "team", id)))
                .post("/api/v1/routing-rules").then().statusCode(201).extract().path("id");

        given().delete("/api/v1/teams/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("to-" + id));

        given().delete("/api/v1/routing-rules/" + rule).then().statusCode(204);
        given().delete("/api/v1/teams/" + id).then().statusCode(204);
        given().get("/api/v1/teams/" + id).then().statusCode(404);
    }

    @Test
    void shouldKeepTheDefaultTeam() {
        RoutingFixtures.ensureDemoRouting();
        given().delete("/api/v1/teams/frontline").then().statusCode(409)
                .body("detail", containsString("default team"));
    }

    @Test
    @TestSecurity(user = "viewer", roles = {"viewer"})
    void shouldLetViewersReadButNotWrite() {
        given().get("/api/v1/teams").then().statusCode(200).body("items", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("id", "nope", "name", "Nope", "tier", "L1"))
                .post("/api/v1/teams").then().statusCode(403);
        given().delete("/api/v1/teams/core").then().statusCode(403);
    }
}
