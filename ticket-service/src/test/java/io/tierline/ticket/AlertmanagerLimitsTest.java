package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The Alertmanager route's own limits, as configured: a body over {@code max-body-size} or a notification with more
 * than {@code max-alerts} alerts is a 413 problem that opens nothing; within them, a body larger than the API's
 * 512 KB is taken; the OpenAPI document says the configured count.
 */
@QuarkusTest
@TestProfile(AlertmanagerLimitsTest.SmallLimits.class)
@WithTestResource(TierlineInfrastructure.class)
class AlertmanagerLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tierline.ticket.alertmanager.max-body-size", "1M",
                    "tierline.ticket.alertmanager.max-alerts", "2000");
        }
    }

    private static final String ADMIN = TestTokens.bearer("admin");

    @Test
    void shouldTakeABodyOverTheApisLimitButWithinItsOwn() {
        IntegrationKeyIntakeTest.Created created = IntegrationKeyIntakeTest.integration("ENTERPRISE");
        String notification = AlertmanagerStormTest.notification(AlertmanagerStormTest.firing(0, 2_000,
                "2026-11-24T10:00:00Z"));
        assertThat(notification.getBytes(StandardCharsets.UTF_8).length).isBetween(512 * 1024, 1024 * 1024);
        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON).body(notification)
                .post("/integrations/alertmanager")
                .then().statusCode(200).body("alerts", equalTo(2_000));
    }

    @Test
    void shouldRefuseABodyOverItsLimitWith413() {
        IntegrationKeyIntakeTest.Created created = IntegrationKeyIntakeTest.integration("ENTERPRISE");
        String notification = AlertmanagerStormTest.notification(AlertmanagerStormTest.firing(0, 1_000,
                "2026-11-24T10:00:00Z"));
        // padded with whitespace, so that nothing but the size is wrong with it
        String padded = notification.replace("\"alerts\":[", "\"alerts\":" + " ".repeat(1024 * 1024) + "[");
        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON).body(padded)
                .post("/integrations/alertmanager")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("is larger than 1 MB"));
        noTickets(created);
    }

    @Test
    void shouldRefuseMoreAlertsThanItsLimitWith413SayingWhatToSetInAlertmanager() {
        IntegrationKeyIntakeTest.Created created = IntegrationKeyIntakeTest.integration("ENTERPRISE");
        // counted before any alert is validated: the first one's label name is no Prometheus label name
        StringBuilder alerts = new StringBuilder("{\"status\":\"firing\",\"labels\":{\"alert-name\":\"a0\"}}");
        for (int i = 1; i < 2_001; i++) {
            alerts.append(",{\"status\":\"firing\",\"labels\":{\"alertname\":\"a").append(i).append("\"}}");
        }
        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON)
                .body("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[" + alerts + "]}")
                .post("/integrations/alertmanager")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("title", equalTo("Too many alerts"))
                .body("detail", containsString("max_alerts: 2000"))
                .body("errors[0].field", equalTo("alerts"))
                .body("errors[0].message", equalTo("holds more than 2000 alerts"));
        noTickets(created);
    }

    @Test
    void shouldDocumentTheConfiguredNumberOfAlerts() {
        assertThat(given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath()
                .getInt("components.schemas.AlertmanagerNotification.properties.alerts.maxItems"))
                .isEqualTo(2_000);
    }

    private static void noTickets(IntegrationKeyIntakeTest.Created created) {
        given().header("Authorization", ADMIN).queryParam("customerId", created.customerId())
                .get("/api/v1/tickets").then().statusCode(200).body("items", equalTo(List.of()));
    }
}
