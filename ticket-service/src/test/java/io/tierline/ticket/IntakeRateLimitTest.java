package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

/**
 * The intakes are limited per integration key, and a busy key sheds its least urgent alerts first: a SEV1 / critical
 * alert is refused only when the key's bucket is empty.
 */
@QuarkusTest
@TestProfile(IntakeRateLimitTest.TenPerKey.class)
@WithTestResource(TierlineInfrastructure.class)
class IntakeRateLimitTest {

    /**
     * Ten alerts per key at once and a token every 100 s (no refill while the test runs). The reserves keep 30 %
     * of the bucket from SEV4, 20 % from SEV3 and 10 % from SEV2: seven SEV4 get in, then one SEV3, one SEV2, and
     * SEV1 takes what is left.
     */
    public static class TenPerKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tierline.platform.rate-limit.integration-key.burst", "10",
                    "tierline.platform.rate-limit.integration-key.rate", "0.01");
        }
    }

    @Test
    void shouldShedLowSeveritiesBeforeCriticalOnesAtTheGenericIntake() {
        String key = IntegrationKeyIntakeTest.integration("ENTERPRISE").key();
        for (int i = 0; i < 7; i++) {
            report(key, "SEV4").then().statusCode(202);
        }
        Response refused = report(key, "SEV4");
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1))
                .body("title", equalTo("Too many requests"))
                .body(not(containsString(key)));
        report(key, "SEV3").then().statusCode(202);
        report(key, "SEV3").then().statusCode(429);
        report(key, "SEV2").then().statusCode(202);
        report(key, "SEV2").then().statusCode(429);
        report(key, "SEV1").then().statusCode(202);
        report(key, "SEV1").then().statusCode(429);

        // another integration's key has its own budget
        report(IntegrationKeyIntakeTest.integration("ENTERPRISE").key(), "SEV4").then().statusCode(202);
    }

    @Test
    void shouldThrottlePagerDutyEventsInPagerDutysWordsAndKeepCriticalOnesFlowing() {
        String key = IntegrationKeyIntakeTest.integration("ENTERPRISE").key();
        for (int i = 0; i < 7; i++) {
            pagerDuty(key, "info").then().statusCode(202);
        }
        pagerDuty(key, "info").then().statusCode(429)
                .contentType(ContentType.JSON)
                .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1))
                .body("status", equalTo("throttle event"));
        pagerDuty(key, "critical").then().statusCode(202).body("status", equalTo("success"));
    }

    @Test
    void shouldLetAnAlertmanagerNotificationWithACriticalAlertThroughWhenWarningsAreShed() {
        String key = IntegrationKeyIntakeTest.integration("ENTERPRISE").key();
        int accepted = 0;
        while (alertmanager(key, "warning", "w" + accepted).statusCode() == 200) {
            accepted++;
        }
        // SEV3 keeps 20 % of ten tokens in reserve
        org.assertj.core.api.Assertions.assertThat(accepted).isEqualTo(8);
        alertmanager(key, "critical", "c1").then().statusCode(200).body("results[0].outcome", equalTo("OPENED"));
    }

    @Test
    void shouldChargeAnAlertmanagerNotificationOneTokenPerAlert() {
        String key = IntegrationKeyIntakeTest.integration("ENTERPRISE").key();
        // SEV3 may spend 8 of the 10 tokens: five alerts fit once, not twice
        alertmanager(key, "warning", 5).then().statusCode(200).body("alerts", equalTo(5));
        alertmanager(key, "warning", 5).then().statusCode(429)
                .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1));
        alertmanager(key, "critical", 1).then().statusCode(200);
    }

    @Test
    void shouldNotKeepARateLimitRefusalForARetryWithTheSameIdempotencyKey() {
        String key = IntegrationKeyIntakeTest.integration("ENTERPRISE").key();
        for (int i = 0; i < 7; i++) {
            report(key, "SEV4").then().statusCode(202);
        }
        String idempotencyKey = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            // each attempt is limited afresh, never answered from the first refusal: a 429 says "try again"
            given().header("X-Tierline-Integration-Key", key).header("Idempotency-Key", idempotencyKey)
                    .contentType(ContentType.JSON).body("{\"severity\":\"SEV4\",\"title\":\"Load\"}")
                    .post("/api/v1/incidents")
                    .then().statusCode(429).header("Idempotent-Replayed", nullValue());
        }
    }

    private static Response report(String key, String severity) {
        return given().header("X-Tierline-Integration-Key", key).contentType(ContentType.JSON)
                .body("{\"severity\":\"" + severity + "\",\"title\":\"Load\"}").post("/api/v1/incidents");
    }

    private static Response pagerDuty(String key, String severity) {
        return given().contentType(ContentType.JSON)
                .body("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"Load\","
                        + "\"source\":\"web1\",\"severity\":\"" + severity + "\"}}")
                .post("/integrations/pagerduty/v2/enqueue");
    }

    /** A notification of {@code alerts} alerts of one severity, each with a fingerprint of its own. */
    private static Response alertmanager(String key, String severity, int alerts) {
        StringBuilder body = new StringBuilder("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[");
        for (int i = 0; i < alerts; i++) {
            body.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"Load\",")
                    .append("\"severity\":\"").append(severity).append("\"},\"fingerprint\":\"")
                    .append(java.util.UUID.randomUUID()).append("\"}");
        }
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(body.append("]}").toString()).post("/integrations/alertmanager");
    }

    private static Response alertmanager(String key, String severity, String fingerprint) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                        + "\"labels\":{\"alertname\":\"Load\",\"severity\":\"" + severity + "\"},"
                        + "\"fingerprint\":\"" + fingerprint + "\"}]}")
                .post("/integrations/alertmanager");
    }
}
