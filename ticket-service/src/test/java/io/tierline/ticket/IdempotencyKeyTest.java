package io.tierline.ticket;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tierline.contracts.EventTypes;
import io.tierline.platform.idempotency.IdempotencyCleanup;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * The {@code Idempotency-Key} header on POSTs, with real authentication, PostgreSQL and the outbox: a retry gets the
 * first answer and applies nothing again.
 */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class IdempotencyKeyTest {

    private static final String ADMIN = TestTokens.bearer("admin");
    private static final String ALICE = TestTokens.bearer("agent", "alice");
    private static final String BOB = TestTokens.bearer("agent", "bob");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdempotencyCleanup cleanup;

    @Test
    void shouldReturnTheFirstAnswerForARetriedPostWithTheSameKey() throws SQLException {
        String customer = customer();
        String key = UUID.randomUUID().toString();

        Response first = openTicket(ALICE, key, ticket(customer, "Checkout is down"));
        Response retry = openTicket(ALICE, key, ticket(customer, "Checkout is down"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).contains((String) first.path("id"));
        assertThat(retry.header("ETag")).isNotNull().isEqualTo(first.header("ETag"));
        assertThat(retry.contentType()).isEqualTo(first.contentType());
        assertThat(ticketsOf(customer)).containsExactly((String) first.path("id"));
        assertThat(openedEventsFor(customer)).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherRequestAndCreateNothing() throws SQLException {
        String customer = customer();
        String key = UUID.randomUUID().toString();
        String ticket = openTicket(ALICE, key, ticket(customer, "Checkout is down")).then().statusCode(201)
                .extract().path("id");

        // another body, and another path
        for (Response reused : List.of(openTicket(ALICE, key, ticket(customer, "Search is slow")),
                post(ALICE, key).body("{\"body\":\"On it\",\"visibility\":\"PUBLIC\",\"authorType\":\"AGENT\","
                        + "\"author\":\"alice\"}").post("/api/v1/tickets/" + ticket + "/comments"))) {
            reused.then().statusCode(422).contentType("application/problem+json")
                    .body("type", endsWith("/idempotency-key-reused"))
                    .body("errors[0].field", equalTo("Idempotency-Key"));
        }
        assertThat(ticketsOf(customer)).containsExactly(ticket);
        assertThat(openedEventsFor(customer)).isEqualTo(1);
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticket + "/timeline")
                .then().statusCode(200).body("type", equalTo(List.of(EventTypes.TICKET_OPENED)));
    }

    @Test
    void shouldKeepTheKeysOfDifferentCallersApart() {
        String customer = customer();
        String key = UUID.randomUUID().toString();

        Response alices = openTicket(ALICE, key, ticket(customer, "Checkout is down"));
        Response bobs = openTicket(BOB, key, ticket(customer, "Checkout is down"));

        assertThat(alices.statusCode()).isEqualTo(201);
        assertThat(bobs.statusCode()).isEqualTo(201);
        assertThat(bobs.header("Idempotent-Replayed")).isNull();
        assertThat(ticketsOf(customer)).containsExactlyInAnyOrder(alices.path("id"), bobs.path("id"));
    }

    @Test
    void shouldApplyConcurrentRequestsWithTheSameKeyOnce() throws Exception {
        String customer = customer();
        String key = UUID.randomUUID().toString();
        int senders = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Response> answers = new ArrayList<>();
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return openTicket(ALICE, key, ticket(customer, "Checkout is down"));
                }));
            }
            start.countDown();
            for (Future<Response> answer : sent) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> ticket = ticketsOf(customer);
        assertThat(ticket).hasSize(1);
        assertThat(answers).extracting(Response::statusCode).isSubsetOf(201, 409);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201)
                .allSatisfy(answer -> assertThat((String) answer.path("id")).isEqualTo(ticket.get(0)))
                .filteredOn(answer -> answer.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 409).allSatisfy(answer -> {
            assertThat((String) answer.path("type")).endsWith("/idempotency-key-in-use");
            assertThat((String) answer.path("errors[0].field")).isEqualTo("Idempotency-Key");
        });
        assertThat(openedEventsFor(customer)).isEqualTo(1);
    }

    @Test
    void shouldReplayARefusalOfTheRequestAsSent() {
        String customer = customer();
        String key = UUID.randomUUID().toString();
        String untitled = "{\"customerId\":\"" + customer + "\",\"severity\":\"SEV2\"}";

        Response first = openTicket(ALICE, key, untitled);
        Response retry = openTicket(ALICE, key, untitled);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat((String) first.path("errors[0].field")).isEqualTo("title");
        assertThat(retry.statusCode()).isEqualTo(400);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.contentType()).isEqualTo(first.contentType()).startsWith("application/problem+json");
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        // the key stays bound to the request it was first sent with, refused or not
        openTicket(ALICE, key, ticket(customer, "Checkout is down")).then().statusCode(422);
        assertThat(ticketsOf(customer)).isEmpty();
    }

    @Test
    void shouldHandTheResourceTheBodyItReadWhateverItsSizeOrFraming() throws Exception {
        String customer = customer();
        String description = "x".repeat(19_000);
        String body = "{\"customerId\":\"" + customer + "\",\"severity\":\"SEV3\",\"title\":\"Big\","
                + "\"description\":\"" + description + "\"}";
        String key = UUID.randomUUID().toString();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // larger than what Quarkus REST buffers by itself, sent chunked, after waiting for 100 Continue
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/tickets"))
                .header("Authorization", ALICE).header("Idempotency-Key", key)
                .header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> retry = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(ticketsOf(customer)).hasSize(1);
        given().header("Authorization", ADMIN).get(first.headers().firstValue("Location").orElseThrow())
                .then().statusCode(200).body("description", equalTo(description));
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheSizeLimitWithoutClaimingTheKey() throws Exception {
        String customer = customer();
        String key = UUID.randomUUID().toString();
        // padded with whitespace, so that nothing but the size is wrong with it
        String big = ticket(customer, "Big") + " ".repeat(600 * 1024);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/tickets"))
                .header("Authorization", ALICE).header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .timeout(Duration.ofSeconds(30))
                .build();

        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(ticketsOf(customer)).isEmpty();
        assertThat(count("select count(*) from idempotency_key where idem_key = ?", key)).isZero();
    }

    @Test
    void shouldRefuseAKeyThatIsBlankOrTooLongNamingTheHeader() {
        String customer = customer();
        for (String key : List.of("", "   ", "k".repeat(256))) {
            openTicket(ALICE, key, ticket(customer, "Checkout is down"))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("Idempotency-Key"));
        }
        assertThat(ticketsOf(customer)).isEmpty();
        openTicket(ALICE, "k".repeat(255), ticket(customer, "Checkout is down")).then().statusCode(201);
    }

    @Test
    void shouldRefuseAKeyWhoseRequestIsInProgressUntilItIsGivenUp() throws SQLException {
        String customer = customer();
        String key = UUID.randomUUID().toString();
        openTicket(ALICE, key, ticket(customer, "Checkout is down")).then().statusCode(201);

        // as if the first request were still being processed
        update("update idempotency_key set completed_at = null where caller = 'alice' and idem_key = ?", key);
        openTicket(ALICE, key, ticket(customer, "Checkout is down"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-in-use"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(ticketsOf(customer)).hasSize(1);

        // as if its instance had stopped mid-request, longer ago than tierline.platform.idempotency.in-progress-timeout
        update("update idempotency_key set created_at = now() - interval '2 minutes' "
                + "where caller = 'alice' and idem_key = ?", key);
        Response retry = openTicket(ALICE, key, ticket(customer, "Checkout is down"));
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(ticketsOf(customer)).hasSize(2);
    }

    @Test
    void shouldNotKeepAnAnswerThatHoldsASecret() throws SQLException {
        String customer = customer();
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"Prometheus prod\",\"customerId\":\"" + customer + "\"}";

        Response created = post(ADMIN, key).body(body).post("/api/v1/integrations");
        created.then().statusCode(201).header("Cache-Control", "no-store");
        String secret = created.path("key");

        post(ADMIN, key).body(body).post("/api/v1/integrations")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-answer-not-kept"))
                .header("Location", equalTo(created.header("Location")))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret)));
        assertThat(count("select count(*) from integration where customer_id = ?::uuid", customer)).isEqualTo(1);
        assertThat(count("select count(*) from idempotency_key where idem_key = ? and body is null", key))
                .isEqualTo(1);
    }

    @Test
    void shouldTreatACallerWithAnIntegrationKeyAsItsIntegration() {
        IntegrationKeyIntakeTest.Created integration = IntegrationKeyIntakeTest.integration("ENTERPRISE");
        String key = UUID.randomUUID().toString();
        String incident = "{\"severity\":\"SEV2\",\"title\":\"Disk full\",\"dedupKey\":\"disk-" + key + "\"}";

        Response first = given().header("X-Tierline-Integration-Key", integration.key())
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(incident).post("/api/v1/incidents");
        Response retry = given().header("X-Tierline-Integration-Key", integration.key())
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(incident).post("/api/v1/incidents");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.contentType()).isEqualTo(first.contentType()).startsWith("application/json");
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        // the retry was not counted as the alert firing again
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + first.path("ticketId"))
                .then().statusCode(200).body("occurrences", equalTo(1));
    }

    @Test
    void shouldDeleteKeysOlderThanTheRetention() throws SQLException {
        String customer = customer();
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        openTicket(ALICE, old, ticket(customer, "Checkout is down")).then().statusCode(201);
        openTicket(ALICE, recent, ticket(customer, "Search is slow")).then().statusCode(201);
        update("update idempotency_key set created_at = now() - interval '25 hours' where idem_key = ?", old);

        assertThat(cleanup.purge()).isGreaterThanOrEqualTo(1);

        assertThat(count("select count(*) from idempotency_key where idem_key = ?", old)).isZero();
        assertThat(count("select count(*) from idempotency_key where idem_key = ?", recent)).isEqualTo(1);
    }

    @Test
    void shouldDocumentTheHeaderOnEveryPostACallerAuthenticatesFor() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> posts = paths.entrySet().stream().filter(path -> path.getValue().containsKey("post"))
                .map(Map.Entry::getKey).toList();
        assertThat(posts).contains("/api/v1/tickets", "/api/v1/customers", "/api/v1/incidents",
                "/integrations/alertmanager");
        for (String path : posts) {
            List<Map<String, Object>> headers = doc.getList("paths.'" + path + "'.post.parameters.findAll "
                    + "{ it.name == 'Idempotency-Key' }");
            if (path.startsWith("/integrations/pagerduty")) {
                // its credential is in the body, and PagerDuty's own dedup_key does this job
                assertThat(headers).as(path).isEmpty();
            } else {
                assertThat(headers).as(path).singleElement().satisfies(header -> {
                    assertThat(header).containsEntry("in", "header");
                    assertThat(header.get("required")).isNotEqualTo(true);
                    assertThat(header.get("schema")).asInstanceOf(InstanceOfAssertFactories.MAP)
                            .containsEntry("maxLength", 255);
                });
            }
        }
    }

    private static String customer() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"Acme Corp\",\"plan\":\"ENTERPRISE\"}").post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
    }

    private static String ticket(String customer, String title) {
        return "{\"customerId\":\"" + customer + "\",\"severity\":\"SEV2\",\"title\":\"" + title + "\"}";
    }

    private static RequestSpecification post(String authorization, String key) {
        return given().header("Authorization", authorization).header("Idempotency-Key", key)
                .contentType(ContentType.JSON);
    }

    private static Response openTicket(String authorization, String key, String body) {
        return post(authorization, key).body(body).post("/api/v1/tickets");
    }

    private static List<String> ticketsOf(String customer) {
        return given().header("Authorization", ADMIN).queryParam("customerId", customer).get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    /** {@code tierline.ticket.opened} events written to the outbox for the customer's tickets. */
    private long openedEventsFor(String customer) throws SQLException {
        return count("select count(*) from outbox where event_type = ? and payload::jsonb ->> 'customerId' = ?",
                EventTypes.TICKET_OPENED, customer);
    }

    private long count(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void update(String sql, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
