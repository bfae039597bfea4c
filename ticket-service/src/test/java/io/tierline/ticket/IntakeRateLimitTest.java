package io.tierline.ticket;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.DatabaseLocks;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

/**
 * The intakes are limited per integration key, and a busy key sheds its least urgent alerts first: a SEV1 / critical
 * alert is refused only when the key's bucket is empty. And an instance with more alerts waiting than it may hold
 * refuses the next at once (PagerDuty: 429 "throttle event"; REST: 503), instead of letting it wait for a database
 * connection until the pool gives up.
 */
@QuarkusTest
@TestProfile(IntakeRateLimitTest.TenPerKey.class)
@WithTestResource(TierlineInfrastructure.class)
class IntakeRateLimitTest {

    /**
     * Ten alerts per key at once and a token every 100 s (no refill while the test runs). The reserves keep 30 %
     * of the bucket from SEV4, 20 % from SEV3 and 10 % from SEV2: seven SEV4 get in, then one SEV3, one SEV2, and
     * SEV1 takes what is left. One intake transaction at a time, and one alert waiting for the next.
     */
    public static class TenPerKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tierline.platform.rate-limit.integration-key.burst", "10",
                    "tierline.platform.rate-limit.integration-key.rate", "0.01",
                    "tierline.ticket.intake.max-in-flight", "1",
                    "tierline.ticket.intake.max-waiting", "1");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRefuseAlertsAtOnceWhileTooManyWaitAndApplyTheOnesItTook() throws Exception {
        String key = IntegrationKeyIntakeTest.integration("ENTERPRISE").key();
        String dedupKey = "disk-full-" + UUID.randomUUID();
        pagerDuty(key, "critical", dedupKey).then().statusCode(202);
        HttpClient http = HttpClient.newHttpClient();
        try (Connection holder = dataSource.getConnection()) {
            // the open ticket's row held: the next transaction that applies alerts to it waits
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "select id from ticket where dedup_key = ? for update")) {
                lock.setString(1, dedupKey);
                try (ResultSet rs = lock.executeQuery()) {
                    org.assertj.core.api.Assertions.assertThat(rs.next()).isTrue();
                }
            }
            CompletableFuture<HttpResponse<String>> applying = http.sendAsync(
                    pagerDutyRequest(key, "critical", dedupKey), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> DatabaseLocks.anotherSessionWaits(holder));
            String waitingKey = "cpu-" + UUID.randomUUID();
            CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(
                    pagerDutyRequest(key, "critical", waitingKey), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> metric("tierline_batch_waiting") >= 1);

            String refusedKey = "memory-" + UUID.randomUUID();
            pagerDuty(key, "critical", refusedKey).then().statusCode(429).contentType(ContentType.JSON)
                    .header("Retry-After", equalTo("1"))
                    .body("status", equalTo("throttle event"))
                    .body("message", containsString("waiting"));
            given().header("X-Tierline-Integration-Key", key).contentType(ContentType.JSON)
                    .body("{\"severity\":\"SEV1\",\"title\":\"Load\",\"dedupKey\":\"" + refusedKey + "\"}")
                    .post("/api/v1/incidents")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("1"))
                    .body("type", containsString("overloaded"));

            holder.rollback();
            org.assertj.core.api.Assertions.assertThat(applying.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            org.assertj.core.api.Assertions.assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            org.assertj.core.api.Assertions.assertThat(count("select occurrences from ticket where dedup_key = ?",
                    dedupKey)).isEqualTo(2);
            org.assertj.core.api.Assertions.assertThat(count("select count(*) from ticket where dedup_key = ?",
                    waitingKey)).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(count("select count(*) from ticket where dedup_key = ?",
                    refusedKey)).as("tickets of refused alerts").isZero();
        }
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(name + "{") && line.contains("incident-intake"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
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
        return given().contentType(ContentType.JSON).body(pagerDutyEvent(key, severity, null))
                .post("/integrations/pagerduty/v2/enqueue");
    }

    private static Response pagerDuty(String key, String severity, String dedupKey) {
        return given().contentType(ContentType.JSON).body(pagerDutyEvent(key, severity, dedupKey))
                .post("/integrations/pagerduty/v2/enqueue");
    }

    private static HttpRequest pagerDutyRequest(String key, String severity, String dedupKey) {
        return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/integrations/pagerduty/v2/enqueue"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(pagerDutyEvent(key, severity, dedupKey))).build();
    }

    private static String pagerDutyEvent(String key, String severity, String dedupKey) {
        return "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\","
                + (dedupKey == null ? "" : "\"dedup_key\":\"" + dedupKey + "\",")
                + "\"payload\":{\"summary\":\"Load\",\"source\":\"web1\",\"severity\":\"" + severity + "\"}}";
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
