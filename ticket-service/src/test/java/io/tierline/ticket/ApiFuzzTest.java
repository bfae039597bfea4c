package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.fuzz.ApiFuzzContract;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Malformed and adversarial requests to every operation: no 5xx, problem answers, nothing changed. */
@QuarkusTest
@TestProfile(ApiFuzzContract.FreshDatabase.class)
@WithTestResource(TierlineInfrastructure.class)
class ApiFuzzTest extends ApiFuzzContract {

    /**
     * A customer, one of its tickets and a comment, a published article linked to the ticket and one suggested for
     * it, so reads find them and refused writes aim at them; and an integration whose key is the PagerDuty intake's
     * {@code routing_key}, so the fuzz gets past that door too.
     */
    @Override
    protected Map<String, List<String>> fixtures() {
        String customer = given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"Fuzz Corp\",\"plan\":\"ENTERPRISE\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String ticket = given().header("Authorization", TestTokens.bearer("agent")).contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"severity\":\"SEV2\",\"title\":\"Fuzzing\"}")
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("agent")).contentType(ContentType.JSON)
                .body("{\"body\":\"Looking\",\"visibility\":\"PUBLIC\",\"authorType\":\"AGENT\",\"author\":\"dana\"}")
                .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201);
        String article = given().header("Authorization", TestTokens.bearer("agent")).contentType(ContentType.JSON)
                .body("{\"kind\":\"RUNBOOK\",\"status\":\"PUBLISHED\",\"title\":\"Fuzzing runbook\","
                        + "\"body\":\"Steps\",\"tags\":[\"fuzz\"],\"components\":[\"api\"]}")
                .post("/api/v1/articles").then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("agent")).contentType(ContentType.JSON)
                .body("{\"kind\":\"KNOWN_ISSUE\",\"status\":\"PUBLISHED\",\"title\":\"Fuzzing stalls\","
                        + "\"body\":\"Symptoms\"}")
                .post("/api/v1/articles").then().statusCode(201);
        given().header("Authorization", TestTokens.bearer("agent")).contentType(ContentType.JSON)
                .body("{\"articleId\":\"" + article + "\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(201);
        var integration = given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"Fuzz monitoring\",\"customerId\":\"" + customer + "\"}")
                .post("/api/v1/integrations").then().statusCode(201).extract().jsonPath();
        return Map.of("id", List.of(customer, ticket, integration.getString("id"), article),
                "customerId", List.of(customer), "routing_key", List.of(integration.getString("key")));
    }
}
