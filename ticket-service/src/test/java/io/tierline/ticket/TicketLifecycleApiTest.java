package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static io.tierline.ticket.TicketApiTest.createCustomer;
import static io.tierline.ticket.TicketApiTest.createTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestSecurity(user = "dana", roles = {"agent", "admin"})
@WithTestResource(TierlineInfrastructure.class)
class TicketLifecycleApiTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void shouldWorkATicketFromNewToClosedWithEveryChangeOnKafkaAndTheTimeline() {
        String ticket = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV1);

        patch(ticket, "{\"status\":\"IN_PROGRESS\",\"assignee\":\"alice\",\"component\":\"payments\","
                + "\"environment\":\"production eu-west-1\",\"productVersion\":\"4.2.1\",\"tags\":[\"checkout\"]}")
                .then().statusCode(200).header("ETag", notNullValue())
                .body("status", equalTo("IN_PROGRESS")).body("assignee", equalTo("alice"))
                .body("component", equalTo("payments")).body("productVersion", equalTo("4.2.1"))
                .body("tags", equalTo(List.of("checkout")));
        patch(ticket, "{\"status\":\"WAITING_ON_CUSTOMER\",\"statusReason\":\"asked for a HAR file\","
                + "\"severity\":\"SEV2\"}").then().statusCode(200)
                .body("statusReason", equalTo("asked for a HAR file")).body("severity", equalTo("SEV2"));
        patch(ticket, "{\"status\":\"RESOLVED\",\"resolutionNote\":\"Rotated the expired payment key\"}")
                .then().statusCode(200).body("resolvedAt", notNullValue())
                .body("resolutionNote", equalTo("Rotated the expired payment key"));
        patch(ticket, "{\"status\":\"OPEN\",\"statusReason\":\"the customer still sees 500s\"}")
                .then().statusCode(200).body("resolvedAt", equalTo(null));
        patch(ticket, "{\"status\":\"RESOLVED\",\"resolutionNote\":\"Also restarted the gateway\"}").then().statusCode(200);
        patch(ticket, "{\"status\":\"CLOSED\"}").then().statusCode(200).body("closedAt", notNullValue());

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<CloudEvent> changes = kafka.events(Topics.TICKET_EVENTS,
                        e -> e.subject().equals(ticket) && e.type().equals(EventTypes.TICKET_STATUS_CHANGED));
                assertThat(changes).extracting(e -> e.payload(TicketStatusChanged.class))
                        .extracting(c -> c.from() + ">" + c.to() + (c.reopened() ? " reopened" : ""))
                        .containsExactly("NEW>IN_PROGRESS", "IN_PROGRESS>WAITING_ON_CUSTOMER",
                                "WAITING_ON_CUSTOMER>RESOLVED", "RESOLVED>OPEN reopened", "OPEN>RESOLVED",
                                "RESOLVED>CLOSED");
                assertThat(changes.get(1).payload(TicketStatusChanged.class).by()).isEqualTo("dana");
                assertThat(changes.get(2).payload(TicketStatusChanged.class).resolutionNote())
                        .isEqualTo("Rotated the expired payment key");
            });
        }
        given().get("/api/v1/tickets/" + ticket + "/timeline").then().statusCode(200)
                .body("type", hasItems(EventTypes.TICKET_ASSIGNED, EventTypes.TICKET_UPDATED,
                        EventTypes.TICKET_SEVERITY_CHANGED, EventTypes.TICKET_STATUS_CHANGED))
                .body("summary", hasItem("Status IN_PROGRESS → WAITING_ON_CUSTOMER by dana: asked for a HAR file"))
                .body("summary", hasItem("Reopened (OPEN) by dana: the customer still sees 500s"))
                .body("summary", hasItem("Severity SEV1 → SEV2 by dana"))
                .body("summary", hasItem("Assigned to alice by dana"));

        // closed is final: no edit, no comment
        patch(ticket, "{\"status\":\"OPEN\"}").then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"body\":\"x\",\"visibility\":\"PUBLIC\",\"authorType\":\"AGENT\",\"author\":\"dana\"}")
                .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(409);
    }

    @Test
    void shouldRefuseAForbiddenTransitionWith409NamingTheAllowedOnesAndChangeNothing() {
        String ticket = createTicket(createCustomer(Plan.BUSINESS), Severity.SEV3);
        String etag = etag(ticket);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"status\":\"CLOSED\",\"assignee\":\"bob\"}")
                .patch("/api/v1/tickets/" + ticket)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("A ticket that is NEW cannot move to CLOSED; it may move to OPEN, IN_PROGRESS,"
                        + " WAITING_ON_CUSTOMER, RESOLVED"))
                .body("errors[0].field", equalTo("status"));

        given().get("/api/v1/tickets/" + ticket).then().header("ETag", etag)
                .body("status", equalTo("NEW")).body("assignee", equalTo(null));
    }

    @Test
    void shouldRequireIfMatchAndRefuseAStaleOne() {
        String ticket = createTicket(createCustomer(Plan.BUSINESS), Severity.SEV3);
        String etag = etag(ticket);

        given().contentType(MERGE_PATCH).body("{\"assignee\":\"bob\"}").patch("/api/v1/tickets/" + ticket)
                .then().statusCode(428).contentType("application/problem+json")
                .body("errors[0].field", equalTo("If-Match"));
        given().contentType(MERGE_PATCH).header("If-Match", "\"999\"").body("{\"assignee\":\"bob\"}")
                .patch("/api/v1/tickets/" + ticket)
                .then().statusCode(412).contentType("application/problem+json");
        given().contentType(MERGE_PATCH).header("If-Match", "W/" + etag).body("{\"assignee\":\"bob\"}")
                .patch("/api/v1/tickets/" + ticket).then().statusCode(412);

        String next = given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"assignee\":\"bob\"}")
                .patch("/api/v1/tickets/" + ticket).then().statusCode(200).extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        // the same ETag again is stale now: someone (here: the same agent) changed the ticket since
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"assignee\":\"carol\"}")
                .patch("/api/v1/tickets/" + ticket).then().statusCode(412);
        given().get("/api/v1/tickets/" + ticket).then().body("assignee", equalTo("bob")).header("ETag", next);
        // plain application/json is taken as the same merge patch
        given().contentType(ContentType.JSON).header("If-Match", next).body("{\"assignee\":\"carol\"}")
                .patch("/api/v1/tickets/" + ticket).then().statusCode(200).body("assignee", equalTo("carol"));
    }

    @Test
    void shouldLetOnlyOneOfTwoAgentsPatchingWithTheSameEtagWin() throws Exception {
        String ticket = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV2);
        String etag = etag(ticket);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String assignee : List.of("alice", "bob")) {
                Callable<Integer> call = () -> given().contentType(MERGE_PATCH).header("If-Match", etag)
                        .body("{\"assignee\":\"" + assignee + "\"}").patch("/api/v1/tickets/" + ticket).statusCode();
                answers.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kafka.events(Topics.TICKET_EVENTS,
                    e -> e.subject().equals(ticket) && e.type().equals(EventTypes.TICKET_ASSIGNED))).hasSize(1));
        }
    }

    @Test
    void shouldRefuseBadPatchesWithProblemsAndChangeNothing() {
        String ticket = createTicket(createCustomer(Plan.STANDARD), Severity.SEV4);
        String etag = etag(ticket);

        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"status\":\"RESOLVED\"}")
                .patch("/api/v1/tickets/" + ticket)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("resolutionNote"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"titel\":\"typo\",\"tier\":\"L3\"}")
                .patch("/api/v1/tickets/" + ticket)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("titel", "tier"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"title\":")
                .patch("/api/v1/tickets/" + ticket)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).header("If-Match", etag).body("{}")
                .patch("/api/v1/tickets/" + ticket)
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"assignee\":\"x\"}")
                .patch("/api/v1/tickets/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");

        given().get("/api/v1/tickets/" + ticket).then().header("ETag", etag).body("status", equalTo("NEW"));
        given().get("/api/v1/tickets/" + ticket + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED)));
    }

    @Test
    @TestSecurity(user = "viewer", roles = {"viewer"})
    void shouldNotLetAViewerEditATicket() {
        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"assignee\":\"x\"}")
                .patch("/api/v1/tickets/" + java.util.UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void shouldMarkTheFirstResponseAndTheStatusUpdatesInCommentEvents() {
        String ticket = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV1);
        for (String visibility : List.of("INTERNAL", "PUBLIC", "PUBLIC")) {
            given().contentType(ContentType.JSON)
                    .body("{\"body\":\"update\",\"visibility\":\"" + visibility + "\",\"authorType\":\"AGENT\","
                            + "\"author\":\"dana\"}")
                    .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201);
        }
        given().get("/api/v1/tickets/" + ticket).then().body("firstRespondedAt", notNullValue());
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kafka.events(Topics.TICKET_EVENTS,
                            e -> e.subject().equals(ticket) && e.type().equals(EventTypes.TICKET_COMMENTED)))
                    .extracting(e -> e.payload(TicketCommented.class))
                    .extracting(c -> c.firstResponse() + "/" + c.statusUpdate())
                    .containsExactly("false/false", "true/true", "false/true"));
        }
    }

    private static Response patch(String ticket, String body) {
        return given().contentType(MERGE_PATCH).header("If-Match", etag(ticket)).body(body)
                .patch("/api/v1/tickets/" + ticket);
    }

    private static String etag(String ticket) {
        return given().get("/api/v1/tickets/" + ticket).then().statusCode(200).extract().header("ETag");
    }
}
