package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tierline.testsupport.EndpointProtectionContract;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.EndpointProtection;
import io.tierline.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Every operation in this service's OpenAPI document names its roles and refuses everyone else. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class EndpointProtectionTest extends EndpointProtectionContract {

    @Test
    void shouldKnowHowEachIntakeIsAuthenticated() {
        assertThat(EndpointProtection.operations())
                .contains(new EndpointProtection.Operation("post", "/integrations/pagerduty/v2/enqueue", Set.of(),
                        "routing_key"))
                .contains(new EndpointProtection.Operation("post", "/integrations/alertmanager",
                        Set.of("integration"), null))
                .contains(new EndpointProtection.Operation("post", "/api/v1/incidents", Set.of("integration"), null))
                .contains(new EndpointProtection.Operation("post", "/api/v1/integrations/{id}/keys", Set.of("admin"),
                        null));
    }

    @Test
    void shouldDocumentTheIntegrationKeyWaysOfAuthenticatingTheIntakes() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getString("components.securitySchemes.integrationKey.type")).isEqualTo("apiKey");
        assertThat(doc.getString("components.securitySchemes.integrationKey.name"))
                .isEqualTo("X-Tierline-Integration-Key");
        assertThat(doc.getString("components.securitySchemes.integrationKeyBasic.scheme")).isEqualTo("basic");
        for (String intake : List.of("/api/v1/incidents", "/integrations/alertmanager")) {
            assertThat(doc.getList("paths.'" + intake + "'.post.security", Map.class))
                    .as(intake).extracting(requirement -> requirement.keySet().iterator().next())
                    .containsExactly("jwt", "integrationKey", "integrationKeyBearer", "integrationKeyBasic");
        }
        // operations people call take their JWT only
        assertThat(doc.getList("paths.'/api/v1/integrations'.post.security", Map.class)).hasSize(1);
    }

    @Test
    void shouldExplainRefusalsAsProblemsWithoutLeakingTheToken() {
        String forged = "eyJhbGciOiJSUzI1NiJ9.eyJncm91cHMiOlsiYWRtaW4iXX0.c2VjcmV0LXNpZ25hdHVyZQ";
        String stranger = TestTokens.bearer("admin").replace("Bearer ", "") + "x";
        try (LogCapture logs = LogCapture.start()) {
            given().header("Authorization", "Bearer " + forged).get("/api/v1/tickets")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body(not(containsString(forged)));
            given().header("Authorization", "Bearer " + stranger).get("/api/v1/tickets")
                    .then().statusCode(401).body(not(containsString(stranger)));
            assertThat(logs.text()).doesNotContain(forged).doesNotContain(stranger)
                    .doesNotContain("c2VjcmV0LXNpZ25hdHVyZQ");
        }
        given().header("Authorization", TestTokens.bearer("viewer"))
                .contentType("application/json").body("{\"name\":\"Acme\",\"plan\":\"ENTERPRISE\"}")
                .post("/api/v1/customers")
                .then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Forbidden"));
        given().header("Authorization", TestTokens.bearer("viewer")).get("/api/v1/tickets")
                .then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
