package io.tierline.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class OperationsTest {

    @Test
    void shouldBeReadyAndExposePageMetricsAndTheApi() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("tierline-event-relay"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tierline_pages_delivered_total{"))
                .body(containsString("tierline_pages_failed_total"))
                .body(containsString("tierline_pages_latency_seconds"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/people/{personId}/contact-methods"))
                .body("paths", hasKey("/api/v1/pages/{id}/ack"));
    }
}
