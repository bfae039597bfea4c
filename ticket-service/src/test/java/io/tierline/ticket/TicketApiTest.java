package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class TicketApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String createCustomer(Plan plan) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"Acme Corp\",\"plan\":\"" + plan + "\"}")
                .post("/api/v1/customers")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/customers/"))
                .extract().path("id");
    }

    static String createTicket(String customerId, Severity severity) {
        return given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customerId + "\",\"severity\":\"" + severity
                        + "\",\"title\":\"Checkout is down\",\"description\":\"500 on every payment\"}")
                .post("/api/v1/tickets")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/tickets/"))
                .extract().path("id");
    }

    @Test
    void shouldOpenTicketAndPublishOpenedEventKeyedByTicket() {
        String customerId = createCustomer(Plan.ENTERPRISE);
        String ticketId = createTicket(customerId, Severity.SEV1);

        given().get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("status", equalTo("NEW"))
                .body("severity", equalTo("SEV1"))
                .body("plan", equalTo("ENTERPRISE"))
                .body("source", equalTo("api"))
                .body("openedBy", equalTo("tester"));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var records = kafka.readAll(Topics.TICKET_EVENTS).stream()
                        .filter(r -> ticketId.equals(r.key())).toList();
                assertThat(records).hasSize(1);
                var record = records.get(0);
                assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(EventTypes.TICKET_OPENED);
                assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(ticketId);
                assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("/tierline/ticket-service");
                assertThat(KafkaTestClient.header(record, "ce_specversion")).isEqualTo("1.0");
                CloudEvent event = CloudEvent.from(record.headers(), record.value());
                TicketOpened opened = event.payload(TicketOpened.class);
                assertThat(opened.customerId()).isEqualTo(UUID.fromString(customerId));
                assertThat(opened.plan()).isEqualTo(Plan.ENTERPRISE);
                assertThat(opened.severity()).isEqualTo(Severity.SEV1);
                assertThat(opened.openedBy()).isEqualTo("tester");
            });
        }
    }

    @Test
    void shouldPublishAgentPublicReplyAndOpenTheTicket() {
        String ticketId = createTicket(createCustomer(Plan.BUSINESS), Severity.SEV2);

        given().contentType(ContentType.JSON)
                .body("{\"body\":\"We are on it\",\"visibility\":\"PUBLIC\",\"authorType\":\"AGENT\",\"author\":\"dana\"}")
                .post("/api/v1/tickets/" + ticketId + "/comments")
                .then().statusCode(201).header("Location", containsString("/comments/"))
                .body("author", equalTo("dana"))
                .body("postedBy", equalTo("tester"));

        given().get("/api/v1/tickets/" + ticketId).then().body("status", equalTo("OPEN"));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<CloudEvent> comments = kafka.events(Topics.TICKET_EVENTS,
                        e -> e.subject().equals(ticketId) && e.type().equals(EventTypes.TICKET_COMMENTED));
                assertThat(comments).hasSize(1);
                assertThat(comments.get(0).payload(TicketCommented.class).isAgentPublicReply()).isTrue();
            });
        }
        given().get("/api/v1/tickets/" + ticketId + "/timeline").then().statusCode(200)
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_COMMENTED)));
    }

    @Test
    void shouldRecordWhoPostedACommentBesideTheAuthorItNames() {
        String ticketId = createTicket(createCustomer(Plan.BUSINESS), Severity.SEV3);

        // an agent relays the customer's reply from an email: the customer is the author, the agent posted it
        given().contentType(ContentType.JSON)
                .body("{\"body\":\"Still failing for us\",\"visibility\":\"PUBLIC\",\"authorType\":\"CUSTOMER\","
                        + "\"author\":\"Rita from Acme\"}")
                .post("/api/v1/tickets/" + ticketId + "/comments")
                .then().statusCode(201)
                .body("authorType", equalTo("CUSTOMER"))
                .body("author", equalTo("Rita from Acme"))
                .body("postedBy", equalTo("tester"));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kafka.events(Topics.TICKET_EVENTS,
                            e -> e.subject().equals(ticketId) && e.type().equals(EventTypes.TICKET_COMMENTED)))
                    .singleElement().extracting(e -> e.payload(TicketCommented.class))
                    .satisfies(c -> {
                        assertThat(c.author()).isEqualTo("Rita from Acme");
                        assertThat(c.postedBy()).isEqualTo("tester");
                        assertThat(c.isAgentPublicReply()).isFalse();
                    }));
        }
        given().get("/api/v1/tickets/" + ticketId + "/timeline").then().statusCode(200)
                .body("summary", hasItem("Public reply by customer Rita from Acme (posted by tester)"));
    }

    @Test
    void shouldAnswerProblemsForBadInputAndChangeNothing() {
        String customerId = createCustomer(Plan.STANDARD);
        int before = given().get("/api/v1/tickets?customerId=" + customerId).then().extract().path("items.size()");

        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customerId + "\",\"severity\":\"SEV1\",\"title\":\"\"}")
                .post("/api/v1/tickets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("title"));

        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customerId + "\",\"severity\":\"SEV9\",\"title\":\"x\"}")
                .post("/api/v1/tickets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("severity"))
                .body("detail", containsString("SEV9"));

        given().contentType(ContentType.JSON).body("{\"customerId\": ")
                .post("/api/v1/tickets")
                .then().statusCode(400).contentType("application/problem+json");

        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + UUID.randomUUID() + "\",\"severity\":\"SEV1\",\"title\":\"x\"}")
                .post("/api/v1/tickets")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("customerId"));

        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customerId + "\",\"severity\":\"SEV1\",\"title\":\"x\",\"description\":\""
                        + "x".repeat(600 * 1024) + "\"}")
                .post("/api/v1/tickets")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("the request body is larger than the 512 KB this service accepts"))
                .body("instance", equalTo("/api/v1/tickets"));

        given().contentType(ContentType.TEXT).body("hello")
                .post("/api/v1/tickets")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", equalTo("This operation takes a body of media type application/json"));
        given().accept(ContentType.XML).get("/api/v1/tickets")
                .then().statusCode(406).contentType("application/problem+json")
                .body("detail", containsString("answers application/json"));
        given().put("/api/v1/tickets")
                .then().statusCode(405).contentType("application/problem+json")
                .body("detail", equalTo("This path does not take the PUT method"));

        given().get("/api/v1/tickets/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Ticket not found"));

        given().get("/api/v1/tickets/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        given().get("/api/v1/tickets?customerId=42")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("customerId"));

        given().contentType(ContentType.JSON)
                .body("{\"body\":\"x\",\"visibility\":\"PUBLIC\",\"authorType\":\"AGENT\",\"author\":\"dana\"}")
                .post("/api/v1/tickets/" + UUID.randomUUID() + "/comments")
                .then().statusCode(404).contentType("application/problem+json");

        int after = given().get("/api/v1/tickets?customerId=" + customerId).then().extract().path("items.size()");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void shouldServeHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("tierline-event-relay"));
        createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV3);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tierline_tickets_opened_total{"))
                .body(containsString("tierline_outbox_published_total"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/tickets/{id}/timeline"));
    }
}
