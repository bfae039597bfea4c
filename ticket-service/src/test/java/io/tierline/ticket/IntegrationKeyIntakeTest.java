package io.tierline.ticket;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.tierline.contracts.EventTypes;
import io.tierline.testsupport.LogCapture;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Integration keys from creation to revocation, and the three intakes they open: the generic one, Alertmanager's
 * webhook and the PagerDuty Events API v2. Real authentication throughout (no test identity).
 */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class IntegrationKeyIntakeTest {

    private static final String ADMIN = TestTokens.bearer("admin");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    record Created(String integrationId, String keyId, String key, String customerId) {
    }

    static Created integration(String plan) {
        String customer = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"Acme\",\"plan\":\"" + plan + "\"}").post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
        JsonPath created = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"Prometheus prod\",\"customerId\":\"" + customer + "\"}")
                .post("/api/v1/integrations")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/integrations/"))
                .header("Cache-Control", "no-store")
                .body("key", matchesPattern("[a-z2-7]{32}"))
                .body("keys", hasSize(1))
                .body("keys[0].active", equalTo(true))
                .body("keys[0].key", nullValue())
                .body("createdBy", notNullValue())
                .extract().jsonPath();
        return new Created(created.getString("id"), created.getString("keys[0].id"), created.getString("key"),
                customer);
    }

    @Test
    void shouldShowAKeyOnceAndStoreOnlyItsHash() throws Exception {
        Created created;
        try (LogCapture logs = LogCapture.start()) {
            created = integration("ENTERPRISE");
            report(keyHeader(created.key()), "{\"severity\":\"SEV3\",\"title\":\"Queue backlog\"}")
                    .then().statusCode(202);
            given().header("X-Tierline-Integration-Key", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").contentType(ContentType.JSON)
                    .body("{\"severity\":\"SEV3\",\"title\":\"x\"}").post("/api/v1/incidents")
                    .then().statusCode(401)
                    .body(not(containsString("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")));
            assertThat(logs.size()).isPositive();
            assertThat(logs.text()).doesNotContain(created.key())
                    .doesNotContain("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
        }
        given().header("Authorization", ADMIN).get("/api/v1/integrations/" + created.integrationId())
                .then().statusCode(200)
                .body(not(containsString(created.key())))
                .body("keys[0].hint", equalTo(created.key().substring(0, 4) + "…" + created.key().substring(30)));
        given().header("Authorization", ADMIN).queryParam("customerId", created.customerId())
                .get("/api/v1/integrations")
                .then().statusCode(200).body("id", equalTo(List.of(created.integrationId())))
                .body(not(containsString(created.key())));
        assertThat(column("select key_hash from integration_key where integration_id = ?",
                UUID.fromString(created.integrationId())))
                .singleElement().asString().hasSize(64).doesNotContain(created.key());
    }

    @Test
    void shouldOpenATicketPerAlertAndCountRepeatsWithTheSameDedupKey() {
        Created created = integration("ENTERPRISE");
        String body = "{\"severity\":\"SEV1\",\"title\":\"Checkout down\",\"dedupKey\":\"checkout-5xx\"}";

        String ticketId = report(keyHeader(created.key()), body).then().statusCode(202)
                .body("outcome", equalTo("OPENED")).body("dedupKey", equalTo("checkout-5xx"))
                .extract().path("ticketId");
        report(keyHeader(created.key()), body).then().statusCode(202)
                .body("outcome", equalTo("RECURRED")).body("ticketId", equalTo(ticketId));
        report(keyHeader(created.key()), "{\"severity\":\"SEV1\",\"title\":\"Checkout down\","
                + "\"dedupKey\":\"checkout-5xx\",\"action\":\"RESOLVE\"}")
                .then().statusCode(202).body("outcome", equalTo("RESOLVED")).body("ticketId", equalTo(ticketId));
        report(keyHeader(created.key()), "{\"severity\":\"SEV1\",\"title\":\"x\",\"dedupKey\":\"never-seen\","
                + "\"action\":\"ACKNOWLEDGE\"}")
                .then().statusCode(202).body("outcome", equalTo("IGNORED")).body("ticketId", nullValue());

        // resolved by its source, the alert has ended: acknowledging it is moot, and its next firing is a new
        // ticket (which routes and pages again), while the old one stays for people to finish
        report(keyHeader(created.key()), "{\"severity\":\"SEV1\",\"title\":\"x\",\"dedupKey\":\"checkout-5xx\","
                + "\"action\":\"ACKNOWLEDGE\"}")
                .then().statusCode(202).body("outcome", equalTo("IGNORED"));
        String nextTicketId = report(keyHeader(created.key()), body).then().statusCode(202)
                .body("outcome", equalTo("OPENED")).extract().path("ticketId");
        assertThat(nextTicketId).isNotEqualTo(ticketId);
        report(keyHeader(created.key()), body).then().statusCode(202)
                .body("outcome", equalTo("RECURRED")).body("ticketId", equalTo(nextTicketId));
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + nextTicketId).then()
                .body("occurrences", equalTo(2)).body("alertResolvedAt", nullValue());

        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .body("customerId", equalTo(created.customerId()))
                .body("source", equalTo("incident"))
                .body("openedBy", equalTo("integration:" + created.integrationId()))
                .body("severity", equalTo("SEV1"))
                .body("status", equalTo("NEW"))
                .body("occurrences", equalTo(2))
                .body("alertResolvedAt", notNullValue());
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_ALERT_UPDATED,
                        EventTypes.TICKET_ALERT_UPDATED)))
                .body("[1].data.occurrences", equalTo(2))
                .body("[2].data.action", equalTo("RESOLVE"));
        given().header("Authorization", ADMIN).queryParam("limit", 2).get("/api/v1/tickets/" + ticketId + "/timeline")
                .then().statusCode(200)
                .body("type", equalTo(List.of(EventTypes.TICKET_ALERT_UPDATED, EventTypes.TICKET_ALERT_UPDATED)))
                .body("[1].data.action", equalTo("RESOLVE"));
        given().header("Authorization", ADMIN).queryParam("customerId", created.customerId())
                .get("/api/v1/tickets").then().body("items.id", equalTo(List.of(nextTicketId, ticketId)));
    }

    @Test
    void shouldOpenOneTicketWhenTheSameAlertArrivesManyTimesAtOnce() throws Exception {
        Created created = integration("ENTERPRISE");
        String body = "{\"severity\":\"SEV2\",\"title\":\"Storm\",\"dedupKey\":\"storm-1\"}";
        int senders = 8;
        double openedBefore = opened("SEV2");
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                answers.add(pool.submit(() -> report(keyHeader(created.key()), body)
                        .then().statusCode(202).extract().jsonPath()));
            }
            List<String> outcomes = new ArrayList<>();
            Set<String> tickets = new HashSet<>();
            for (Future<JsonPath> answer : answers) {
                JsonPath json = answer.get(30, TimeUnit.SECONDS);
                outcomes.add(json.getString("outcome"));
                tickets.add(json.getString("ticketId"));
            }
            assertThat(tickets).hasSize(1);
            assertThat(outcomes).containsOnlyOnce("OPENED").containsOnly("OPENED", "RECURRED");
            given().header("Authorization", ADMIN).get("/api/v1/tickets/" + tickets.iterator().next()).then()
                    .body("occurrences", equalTo(senders)).body("dedupKey", equalTo("storm-1"));
            // attempts that lost the race and were retried are not counted as opened tickets
            assertThat(opened("SEV2") - openedBefore).isEqualTo(1.0);
        } finally {
            pool.shutdownNow();
        }
    }

    private double opened(String severity) {
        return registry.counter("tierline.tickets.opened", "severity", severity, "source", "incident").count();
    }

    @Test
    void shouldApplyBatchesNamingTheSameAlertsInOppositeOrdersAtOnce() throws Exception {
        Created created = integration("ENTERPRISE");
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fingerprints.add("fp-" + i);
        }
        List<String> reversed = new ArrayList<>(fingerprints);
        java.util.Collections.reverse(reversed);
        int rounds = 4;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Future<JsonPath>> answers = new ArrayList<>();
                for (List<String> order : List.of(fingerprints, reversed)) {
                    answers.add(pool.submit(() -> given().header("Authorization", "Bearer " + created.key())
                            .contentType(ContentType.JSON).body(alertmanagerBatch(order))
                            .post("/integrations/alertmanager")
                            .then().statusCode(200).extract().jsonPath()));
                }
                for (int side = 0; side < 2; side++) {
                    JsonPath answer = answers.get(side).get(30, TimeUnit.SECONDS);
                    // results come back in the order the alerts were sent
                    assertThat(answer.getList("results.dedupKey", String.class))
                            .isEqualTo(side == 0 ? fingerprints : reversed);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        JsonPath tickets = given().header("Authorization", ADMIN).queryParam("customerId", created.customerId())
                .queryParam("limit", 100).get("/api/v1/tickets").then().statusCode(200).extract().jsonPath()
                .setRootPath("items");
        assertThat(tickets.getList("dedupKey", String.class)).containsExactlyInAnyOrderElementsOf(fingerprints);
        assertThat(tickets.getList("occurrences", Integer.class)).containsOnly(2 * rounds);
    }

    private static String alertmanagerBatch(List<String> fingerprints) {
        StringBuilder alerts = new StringBuilder();
        for (String fingerprint : fingerprints) {
            alerts.append(alerts.isEmpty() ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"")
                    .append(fingerprint).append("\",\"severity\":\"warning\"},\"fingerprint\":\"")
                    .append(fingerprint).append("\"}");
        }
        return "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[" + alerts + "]}";
    }

    @Test
    void shouldBindAKeyToItsCustomer() {
        Created created = integration("BUSINESS");
        Created other = integration("STANDARD");
        report(keyHeader(created.key()), "{\"customerId\":\"" + other.customerId()
                + "\",\"severity\":\"SEV2\",\"title\":\"x\"}")
                .then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("customerId"));
        given().header("X-Tierline-Integration-Key", created.key()).contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + other.customerId() + "\",\"severity\":\"SEV2\",\"title\":\"x\"}")
                .post("/api/v1/tickets").then().statusCode(403);
        // a system with an integration JWT names the customer itself
        report(TestTokens.bearer("integration"), "{\"severity\":\"SEV2\",\"title\":\"x\"}")
                .then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        report(TestTokens.bearer("integration"), "{\"customerId\":\"" + other.customerId()
                + "\",\"severity\":\"SEV2\",\"title\":\"x\"}").then().statusCode(202);
        report(TestTokens.bearer("integration"), "{\"customerId\":\"" + UUID.randomUUID()
                + "\",\"severity\":\"SEV2\",\"title\":\"x\",\"dedupKey\":\"k\",\"action\":\"RESOLVE\"}")
                .then().statusCode(422).body("errors[0].field", equalTo("customerId"));
        // an integration key opens intake only
        given().header("X-Tierline-Integration-Key", created.key()).get("/api/v1/tickets").then().statusCode(403);
        given().header("X-Tierline-Integration-Key", created.key()).get("/api/v1/integrations").then().statusCode(403);
    }

    @Test
    void shouldRotateKeysWithoutDowntimeAndRefuseRevokedOnes() {
        Created created = integration("ENTERPRISE");
        String path = "/api/v1/integrations/" + created.integrationId();
        JsonPath second = given().header("Authorization", ADMIN).post(path + "/keys")
                .then().statusCode(201).header("Cache-Control", "no-store")
                .body("key", matchesPattern("[a-z2-7]{32}")).extract().jsonPath();
        String secondKey = second.getString("key");

        // both keys work while the new one is rolled out
        report(keyHeader(created.key()), "{\"severity\":\"SEV4\",\"title\":\"old key\"}").then().statusCode(202);
        report(keyHeader(secondKey), "{\"severity\":\"SEV4\",\"title\":\"new key\"}").then().statusCode(202);
        given().header("Authorization", ADMIN).post(path + "/keys")
                .then().statusCode(409).contentType("application/problem+json").body("title", equalTo("Too many active keys"));

        given().header("Authorization", ADMIN).delete(path + "/keys/" + created.keyId())
                .then().statusCode(200).body("keys.active", equalTo(List.of(false, true)));
        report(keyHeader(created.key()), "{\"severity\":\"SEV4\",\"title\":\"old key\"}")
                .then().statusCode(401).contentType("application/problem+json");
        report(keyHeader(secondKey), "{\"severity\":\"SEV4\",\"title\":\"new key\"}").then().statusCode(202);

        given().header("Authorization", ADMIN).delete(path).then().statusCode(200)
                .body("revokedAt", notNullValue()).body("keys.active", equalTo(List.of(false, false)));
        report(keyHeader(secondKey), "{\"severity\":\"SEV4\",\"title\":\"new key\"}").then().statusCode(401);
        given().header("Authorization", ADMIN).post(path + "/keys").then().statusCode(409);
        given().header("Authorization", ADMIN).delete(path + "/keys/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldNeverHaveMoreThanTwoActiveKeysWhenKeysAreAddedAtOnce() throws Exception {
        Created created = integration("ENTERPRISE");
        String path = "/api/v1/integrations/" + created.integrationId();
        int admins = 6;
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < admins; i++) {
                answers.add(pool.submit(() -> given().header("Authorization", ADMIN).post(path + "/keys")
                        .then().extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        } finally {
            pool.shutdownNow();
        }
        given().header("Authorization", ADMIN).get(path).then().statusCode(200)
                .body("keys.active", equalTo(List.of(true, true)));
    }

    @Test
    void shouldTakeAlertmanagerNotificationsWithTheKeyAsBearerOrBasicPassword() {
        Created created = integration("ENTERPRISE");
        String firing = alertmanager("firing", "fp-checkout", "critical");

        JsonPath first = given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON)
                .body(firing).post("/integrations/alertmanager")
                .then().statusCode(200).body("alerts", equalTo(1))
                .body("results[0].outcome", equalTo("OPENED")).extract().jsonPath();
        String ticketId = first.getString("results[0].ticketId");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alertmanager:" + created.key())
                .getBytes(StandardCharsets.UTF_8));
        // the same firing, re-sent (as at every repeat_interval): found on its ticket, not counted again
        given().header("Authorization", basic).contentType(ContentType.JSON).body(firing)
                .post("/integrations/alertmanager")
                .then().statusCode(200).body("results[0].outcome", equalTo("RESENT"))
                .body("results[0].ticketId", equalTo(ticketId));
        given().header("Authorization", basic).contentType(ContentType.JSON)
                .body(alertmanager("resolved", "fp-checkout", "critical")).post("/integrations/alertmanager")
                .then().statusCode(200).body("results[0].outcome", equalTo("RESOLVED"));

        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId).then()
                .body("severity", equalTo("SEV1")).body("source", equalTo("alertmanager"))
                .body("openedBy", equalTo("integration:" + created.integrationId()))
                .body("title", equalTo("CheckoutErrors: 5xx above 5%"));

        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON)
                .body(firing.replace("\"version\":\"4\"", "\"version\":\"3\"")).post("/integrations/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("version"));
        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON)
                .body(firing.replace("\"service\":\"checkout\"", "\"serv\\u0000ice\":\"checkout\""))
                .post("/integrations/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("label name"));
        given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "alertmanager:wrong".getBytes(StandardCharsets.UTF_8)))
                .contentType(ContentType.JSON).body(firing).post("/integrations/alertmanager")
                .then().statusCode(401)
                .body("detail", equalTo("This operation needs a valid integration key or bearer token"));
        given().contentType(ContentType.JSON).body(firing).post("/integrations/alertmanager").then().statusCode(401);
        given().get("/api/v1/integrations").then().statusCode(401)
                .body("detail", equalTo("This operation needs a valid bearer token"));
    }

    @Test
    void shouldCountAnAlertmanagerAlertReSentWithTheSameStartOnceAndANewStartAsAnotherOccurrence() {
        Created created = integration("ENTERPRISE");
        // Alertmanager writes startsAt to the nanosecond; the ticket keeps microseconds
        String firing = alertmanager("firing", "fp-repeat", "critical", "2026-11-24T10:00:00.123456789Z");
        double resentBefore = alerts("alertmanager", "RESENT");

        String ticketId = alertmanagerPost(created.key(), firing).body("results[0].outcome", equalTo("OPENED"))
                .extract().path("results[0].ticketId");
        for (int resend = 0; resend < 2; resend++) {
            alertmanagerPost(created.key(), firing).body("results[0].outcome", equalTo("RESENT"))
                    .body("results[0].ticketId", equalTo(ticketId));
        }
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId).then()
                .body("occurrences", equalTo(1));
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED)));
        assertThat(alerts("alertmanager", "RESENT") - resentBefore).isEqualTo(2.0);

        // the alert stopped and started again without being resolved in between: a new start is a new firing
        String again = alertmanager("firing", "fp-repeat", "critical", "2026-11-24T11:30:00.5Z");
        alertmanagerPost(created.key(), again).body("results[0].outcome", equalTo("RECURRED"))
                .body("results[0].ticketId", equalTo(ticketId));
        alertmanagerPost(created.key(), again).body("results[0].outcome", equalTo("RESENT"));
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId).then()
                .body("occurrences", equalTo(2));
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_ALERT_UPDATED)))
                .body("[1].data.action", equalTo("TRIGGER"))
                .body("[1].data.occurrences", equalTo(2));

        // resolved, the alert's next firing (with its new start) is a new ticket
        alertmanagerPost(created.key(), alertmanager("resolved", "fp-repeat", "critical", "2026-11-24T11:30:00.5Z"))
                .body("results[0].outcome", equalTo("RESOLVED"));
        alertmanagerPost(created.key(), alertmanager("firing", "fp-repeat", "critical", "2026-11-24T13:00:00Z"))
                .body("results[0].outcome", equalTo("OPENED"))
                .body("results[0].ticketId", not(equalTo(ticketId)));
    }

    private static ValidatableResponse alertmanagerPost(String key, String notification) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(notification)
                .post("/integrations/alertmanager").then().statusCode(200);
    }

    private double alerts(String source, String outcome) {
        return registry.counter("tierline.intake.alerts", "source", source, "outcome", outcome).count();
    }

    @Test
    void shouldSpeakThePagerDutyEventsApi() {
        Created created = integration("ENTERPRISE");
        String trigger = """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"db1-disk",
                 "payload":{"summary":"Disk full on db1","source":"db1","severity":"critical"}}"""
                .formatted(created.key());

        // byte for byte as PagerDuty's published example, field order included
        assertThat(pagerDuty(trigger, null).then().statusCode(202).contentType(ContentType.JSON)
                .extract().asString())
                .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"db1-disk\"}");
        pagerDuty(trigger, null).then().statusCode(202);
        // some clients send the key in a header
        pagerDuty("""
                {"event_action":"acknowledge","dedup_key":"db1-disk"}""", created.key()).then().statusCode(202);
        String generated = pagerDuty("""
                {"routing_key":"%s","event_action":"trigger",
                 "payload":{"summary":"CPU hot","source":"web1","severity":"info"}}""".formatted(created.key()), null)
                .then().statusCode(202).extract().path("dedup_key");
        assertThat(generated).hasSize(32);

        pagerDuty("""
                {"routing_key":"%s","event_action":"trigger","payload":{"summary":"x","source":"y","severity":"fatal"}}"""
                .formatted(created.key()), null)
                .then().statusCode(400).body("status", equalTo("invalid event"))
                .body("message", equalTo("Event object is invalid"))
                .body("errors", equalTo(List.of("'payload.severity' must be one of critical, error, warning, info")));
        pagerDuty("{not json", created.key()).then().statusCode(400).body("status", equalTo("invalid event"));
        // over the string and nesting limits, yet within the size limit: invalid for the key it carries, not 401
        pagerDuty("""
                {"routing_key":"%s","event_action":"trigger",
                 "payload":{"summary":"x","source":"y","severity":"info","custom_details":{"log":"%s"}}}"""
                .formatted(created.key(), "x".repeat(100_000)), null)
                .then().statusCode(400).body("status", equalTo("invalid event"))
                .body("errors[0]", startsWith("'body' exceeds a limit: string value length"));
        pagerDuty("""
                {"payload":{"custom_details":{"deep":%s}},"routing_key":"%s"}"""
                .formatted("[".repeat(200) + "]".repeat(200), created.key()), null)
                .then().statusCode(400).body("errors[0]", containsString("nesting depth"));
        pagerDuty(trigger.replace(created.key(), "abcdefghijklmnopqrstuvwxyz234567"), null)
                .then().statusCode(401).body("status", equalTo("unauthorized"))
                .body(not(containsString("abcdefghijklmnopqrstuvwxyz234567")));
        pagerDuty("""
                {"event_action":"trigger","payload":{"summary":"x","source":"y","severity":"info"}}""", null)
                .then().statusCode(401);

        JsonPath tickets = given().header("Authorization", ADMIN).queryParam("customerId", created.customerId())
                .get("/api/v1/tickets").then().statusCode(200).extract().jsonPath().setRootPath("items");
        assertThat(tickets.getList("source", String.class)).containsOnly("pagerduty").hasSize(2);
        assertThat(tickets.getList("openedBy", String.class)).containsOnly("integration:" + created.integrationId());
        assertThat(tickets.getList("severity", String.class)).containsExactlyInAnyOrder("SEV1", "SEV4");
        String diskTicket = tickets.getString("find { it.severity == 'SEV1' }.id");
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + diskTicket + "/timeline").then()
                .body("data.action", equalTo(java.util.Arrays.asList(null, "TRIGGER", "ACKNOWLEDGE")));
    }

    @Test
    void shouldTakePagerDutyEventsUpTo512KilobytesAndRefuseLargerOnesWith413() {
        Created created = integration("ENTERPRISE");
        String big = pagerDutyEventOfSize(created.key(), 500 * 1024);
        pagerDuty(big, null).then().statusCode(202).body("status", equalTo("success"));
        given().contentType(ContentType.JSON).body(pagerDutyEventOfSize(created.key(), 520 * 1024))
                .post("/integrations/pagerduty/v2/enqueue").then().statusCode(413)
                .contentType("application/problem+json");
    }

    /** A trigger whose custom_details fill it to about {@code bytes}. */
    private static String pagerDutyEventOfSize(String key, int bytes) {
        int fields = 90;
        String filler = "x".repeat(bytes / fields - 20);
        StringBuilder details = new StringBuilder();
        for (int i = 0; i < fields; i++) {
            details.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"").append(filler).append('"');
        }
        String event = """
                {"routing_key":"%s","event_action":"trigger","payload":{"summary":"Big","source":"x","severity":"info",
                 "custom_details":{%s}}}""".formatted(key, details);
        assertThat(event.length()).isBetween(bytes - 4096, bytes + 4096);
        return event;
    }

    private static String keyHeader(String key) {
        return "key:" + key;
    }

    @Test
    void shouldRefuseAlertmanagerListsAndLabelSetsLongerThanTheirBoundsNamingTheField() {
        Created created = integration("ENTERPRISE");
        String firing = alertmanager("firing", "fp-lists", "warning");
        String alert = firing.substring(firing.indexOf("\"alerts\":[") + 10, firing.lastIndexOf(']'));

        // more alerts than tierline.ticket.alertmanager.max-alerts (20,000): too large to take, whatever they say
        String tooMany = firing.replace(alert, String.join(",", java.util.Collections.nCopies(20_001,
                "{\"status\":\"firing\",\"labels\":{\"alertname\":\"x\"}}")));
        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON).body(tooMany)
                .post("/integrations/alertmanager")
                .then().statusCode(413).contentType("application/problem+json")
                .body("errors.field", hasItems("alerts"))
                .body("detail", containsString("max_alerts: 20000"));

        StringBuilder labels = new StringBuilder("\"alertname\":\"CheckoutErrors\"");
        for (int i = 0; i < 100; i++) {
            labels.append(",\"l").append(i).append("\":\"v\"");
        }
        String tooManyLabels = firing.replace("\"groupLabels\":{\"alertname\":\"CheckoutErrors\"}",
                "\"groupLabels\":{" + labels + "}");
        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON).body(tooManyLabels)
                .post("/integrations/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("groupLabels"));

        // a label or annotation without a value is no Prometheus label
        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON)
                .body(firing.replace("\"alertname\":\"CheckoutErrors\",\"severity\":\"warning\",",
                        "\"alertname\":null,\"severity\":\"warning\","))
                .post("/integrations/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems(containsString("alerts[0].labels")));
        given().header("Authorization", "Bearer " + created.key()).contentType(ContentType.JSON)
                .body(firing.replace("{\"summary\":\"5xx above 5%\"}", "{\"summary\":null}"))
                .post("/integrations/alertmanager")
                .then().statusCode(400).contentType("application/problem+json");

        given().header("Authorization", ADMIN).queryParam("customerId", created.customerId())
                .get("/api/v1/tickets").then().statusCode(200).body("items.size()", equalTo(0));
    }

    /** Reports to the generic intake with an integration key ("key:...") or an Authorization header value. */
    private static Response report(String credential, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (credential.startsWith("key:")) {
            request.header("X-Tierline-Integration-Key", credential.substring(4));
        } else {
            request.header("Authorization", credential);
        }
        return request.post("/api/v1/incidents");
    }

    private static Response pagerDuty(String body, String headerKey) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (headerKey != null) {
            request.header("X-Routing-Key", headerKey);
        }
        return request.post("/integrations/pagerduty/v2/enqueue");
    }

    private static String alertmanager(String status, String fingerprint, String severity) {
        return alertmanager(status, fingerprint, severity, "2026-11-24T10:00:00Z");
    }

    private static String alertmanager(String status, String fingerprint, String severity, String startsAt) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"CheckoutErrors\\"}","truncatedAlerts":0,"status":"%s",
                 "receiver":"tierline","groupLabels":{"alertname":"CheckoutErrors"},
                 "commonLabels":{"alertname":"CheckoutErrors","severity":"%s"},"commonAnnotations":{},
                 "externalURL":"http://alertmanager:9093",
                 "alerts":[{"status":"%s","labels":{"alertname":"CheckoutErrors","severity":"%s","service":"checkout"},
                            "annotations":{"summary":"5xx above 5%%"},"startsAt":"%s",
                            "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph",
                            "fingerprint":"%s"}]}"""
                .formatted(status, severity, status, severity, startsAt, fingerprint);
    }

    private List<Object> column(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            List<Object> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getObject(1));
                }
            }
            return values;
        }
    }
}
