package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.Plan;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.ticket.TicketApiTest.createCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@TestSecurity(user = "dana", roles = {"agent", "admin"})
@WithTestResource(TierlineInfrastructure.class)
class TicketSearchTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String open(String customer, Severity severity, String title, String description) {
        return given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"severity\":\"" + severity + "\",\"title\":\"" + title
                        + "\",\"description\":\"" + description + "\"}")
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private static void patch(String ticket, String body) {
        String etag = given().get("/api/v1/tickets/" + ticket).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(body)
                .patch("/api/v1/tickets/" + ticket).then().statusCode(200);
    }

    private static List<String> ids(RequestSpecification request) {
        return request.get("/api/v1/tickets").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    @Test
    void shouldFilterByEveryFieldAndCombineThem() {
        String customer = createCustomer(Plan.ENTERPRISE);
        String a = open(customer, Severity.SEV1, "Checkout down", "500 on payment");
        String b = open(customer, Severity.SEV3, "Slow exports", "CSV export takes minutes");
        String c = open(customer, Severity.SEV1, "Login loop", "SSO redirects forever");
        patch(a, "{\"status\":\"IN_PROGRESS\",\"assignee\":\"alice\",\"team\":\"core\",\"component\":\"payments\","
                + "\"tags\":[\"eu\",\"checkout\"]}");
        patch(c, "{\"status\":\"WAITING_ON_CUSTOMER\",\"tags\":[\"sso\"]}");

        assertThat(ids(given().queryParam("customerId", customer))).containsExactly(c, b, a);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("severity", "SEV1"))).containsExactly(c, a);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("status", "IN_PROGRESS")
                .queryParam("status", "WAITING_ON_CUSTOMER"))).containsExactly(c, a);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("assignee", "alice"))).containsExactly(a);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("team", "core")
                .queryParam("component", "payments").queryParam("tag", "checkout"))).containsExactly(a);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("tag", "eu").queryParam("severity", "SEV3")))
                .isEmpty();
        assertThat(ids(given().queryParam("customerId", customer).queryParam("source", "api"))).hasSize(3);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("sort", "severity")))
                .containsExactly(c, a, b);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("sort", "updated")).get(0)).isEqualTo(c);
        assertThat(ids(given().queryParam("customerId", customer)
                .queryParam("createdFrom", Instant.now().plusSeconds(60).toString()))).isEmpty();
        assertThat(ids(given().queryParam("customerId", customer)
                .queryParam("updatedTo", Instant.now().plusSeconds(60).toString()))).hasSize(3);
    }

    @Test
    void shouldFindTicketsByTheWordsOfTheirTitleDescriptionAndComments() {
        String customer = createCustomer(Plan.BUSINESS);
        String a = open(customer, Severity.SEV2, "Invoices missing", "The November invoices are not generated");
        String b = open(customer, Severity.SEV2, "Webhook retries", "Deliveries to our endpoint are retried");
        given().contentType(ContentType.JSON)
                .body("{\"body\":\"Looks like the certificate of their endpoint expired\",\"visibility\":\"INTERNAL\","
                        + "\"authorType\":\"AGENT\",\"author\":\"dana\"}")
                .post("/api/v1/tickets/" + b + "/comments").then().statusCode(201);

        assertThat(ids(given().queryParam("customerId", customer).queryParam("q", "invoice"))).containsExactly(a);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("q", "certificates expired")))
                .containsExactly(b);
        assertThat(ids(given().queryParam("customerId", customer).queryParam("q", "endpoint -certificate"))).isEmpty();
        assertThat(ids(given().queryParam("customerId", customer).queryParam("q", "\"november invoices\" or webhook")))
                .containsExactlyInAnyOrder(a, b);
    }

    @Test
    void shouldFindTheBreachedTicketsOnceSlaServiceSaysSo() {
        String customer = createCustomer(Plan.ENTERPRISE);
        String late = open(customer, Severity.SEV1, "Outage", "all down");
        String fine = open(customer, Severity.SEV1, "Question", "how to");
        Instant due = Instant.now().minusSeconds(5);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.SLA_EVENTS, CloudEvent.of("/tierline/sla-service", new SlaBreached(UUID.fromString(late),
                    SlaClockKind.FIRST_RESPONSE, Severity.SEV1, due, due, Instant.now(), false), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids(given()
                .queryParam("customerId", customer).queryParam("breached", true))).containsExactly(late));
        assertThat(ids(given().queryParam("customerId", customer).queryParam("breached", false))).containsExactly(fine);
    }

    @Test
    void shouldPageWithoutSkippingOrRepeatingWhileTicketsAreOpened() {
        String customer = createCustomer(Plan.STANDARD);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            opened.add(0, open(customer, i % 2 == 0 ? Severity.SEV2 : Severity.SEV3, "Ticket " + i, "text"));
        }
        for (String sort : List.of("created", "severity")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                var request = given().queryParam("customerId", customer).queryParam("limit", 3).queryParam("sort", sort);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id", String.class));
                cursor = page.getString("nextCursor");
                open(customer, Severity.SEV2, "Arrived meanwhile", "text"); // newer: before the first page
            } while (cursor != null);
            assertThat(seen).doesNotHaveDuplicates().containsAll(opened);
            if (sort.equals("created")) {
                assertThat(seen).containsExactlyElementsOf(opened);
            }
        }
        String createdCursor = given().queryParam("customerId", customer).queryParam("limit", 1)
                .get("/api/v1/tickets").then().extract().path("nextCursor");
        given().queryParam("sort", "severity").queryParam("cursor", createdCursor).get("/api/v1/tickets")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().queryParam("sort", "priority").get("/api/v1/tickets").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        given().queryParam("status", "DONE").get("/api/v1/tickets").then().statusCode(400);
    }

    @Test
    void shouldSuggestResolvedTicketsAboutTheSameThingWithTheirFix() {
        // other tests' resolved tickets are in the same database: this one's words are its own
        String customer = createCustomer(Plan.ENTERPRISE);
        String fixed = open(customer, Severity.SEV2, "Zephyr gateway timeout", "Zephyr card payments time out");
        patch(fixed, "{\"status\":\"RESOLVED\",\"resolutionNote\":\"Raised the Zephyr connection pool to 50\"}");
        String unrelated = open(customer, Severity.SEV2, "Avatar upload fails", "PNG avatars are refused");
        patch(unrelated, "{\"status\":\"RESOLVED\",\"resolutionNote\":\"Allowed PNG\"}");
        String stillOpen = open(customer, Severity.SEV2, "Zephyr gateway timeout again", "Zephyr payments time out");
        String fresh = open(customer, Severity.SEV1, "Zephyr gateway timeouts", "Customers see a Zephyr timeout");

        given().get("/api/v1/tickets/" + fresh + "/similar").then().statusCode(200)
                .body("[0].id", equalTo(fixed))
                .body("[0].resolutionNote", equalTo("Raised the Zephyr connection pool to 50"))
                .body("id", not(hasItem(unrelated)))
                .body("id", not(hasItem(stillOpen)))
                .body("status", everyItem(org.hamcrest.Matchers.oneOf("RESOLVED", "CLOSED")));
        given().get("/api/v1/tickets/" + UUID.randomUUID() + "/similar").then().statusCode(404);
    }
}
