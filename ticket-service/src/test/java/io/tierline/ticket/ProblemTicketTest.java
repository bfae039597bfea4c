package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
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
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.ticket.TicketApiTest.createCustomer;
import static io.tierline.ticket.TicketApiTest.createTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A known bug's fix reaches every affected customer: resolving a problem ticket resolves the tickets linked to it. */
@QuarkusTest
@TestSecurity(user = "dana", roles = {"agent", "admin"})
@WithTestResource(TierlineInfrastructure.class)
class ProblemTicketTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static int patch(String ticket, String body) {
        String etag = given().get("/api/v1/tickets/" + ticket).then().extract().header("ETag");
        return given().contentType("application/merge-patch+json").header("If-Match", etag).body(body)
                .patch("/api/v1/tickets/" + ticket).statusCode();
    }

    @Test
    void shouldResolveEveryOpenLinkedTicketWithAPublicReplyWhenTheProblemIsResolved() {
        String problem = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV2);
        String acme = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV1);
        String globex = createTicket(createCustomer(Plan.BUSINESS), Severity.SEV3);
        String alreadyDone = createTicket(createCustomer(Plan.STANDARD), Severity.SEV4);
        for (String incident : List.of(acme, globex, alreadyDone)) {
            assertThat(patch(incident, "{\"problemId\":\"" + problem + "\"}")).isEqualTo(200);
        }
        assertThat(patch(globex, "{\"status\":\"WAITING_ON_CUSTOMER\"}")).isEqualTo(200);
        assertThat(patch(alreadyDone, "{\"status\":\"RESOLVED\",\"resolutionNote\":\"user error\"}")).isEqualTo(200);
        given().queryParam("problemId", problem).get("/api/v1/tickets").then().statusCode(200)
                .body("items.size()", equalTo(3));

        assertThat(patch(problem, "{\"status\":\"RESOLVED\",\"resolutionNote\":\"Fixed the rounding bug in 4.2.2\"}"))
                .isEqualTo(200);

        for (String incident : List.of(acme, globex)) {
            given().get("/api/v1/tickets/" + incident).then()
                    .body("status", equalTo("RESOLVED"))
                    .body("resolutionNote", equalTo("Resolved with problem ticket " + problem
                            + ": Fixed the rounding bug in 4.2.2"));
            given().get("/api/v1/tickets/" + incident + "/comments").then()
                    .body("items.visibility", hasItem("PUBLIC"))
                    .body("items.body", hasItem("The problem behind this ticket has been fixed: Fixed the rounding bug"
                            + " in 4.2.2"));
        }
        given().get("/api/v1/tickets/" + alreadyDone).then().body("resolutionNote", equalTo("user error"));
        given().get("/api/v1/tickets/" + acme + "/timeline").then()
                .body("summary", hasItem("Linked to problem ticket " + problem + " by dana"));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(kafka.events(Topics.TICKET_EVENTS, e -> e.subject().equals(globex)
                                && e.type().equals(EventTypes.TICKET_STATUS_CHANGED))
                        .stream().map(e -> e.payload(TicketStatusChanged.class)).map(TicketStatusChanged::to))
                        .containsExactly("WAITING_ON_CUSTOMER", "RESOLVED");
                assertThat(kafka.events(Topics.TICKET_EVENTS, e -> e.subject().equals(acme)
                                && e.type().equals(EventTypes.TICKET_COMMENTED))
                        .stream().map(e -> e.payload(TicketCommented.class)))
                        .singleElement().satisfies(c -> assertThat(c.isAgentPublicReply()).isTrue());
            });
        }
    }

    @Test
    void shouldRefuseLinksThatMakeNoSense() {
        String problem = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV2);
        String incident = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV2);
        String other = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV2);
        assertThat(patch(incident, "{\"problemId\":\"" + problem + "\"}")).isEqualTo(200);

        assertThat(patch(other, "{\"problemId\":\"" + other + "\"}")).isEqualTo(422);      // itself
        assertThat(patch(other, "{\"problemId\":\"" + incident + "\"}")).isEqualTo(422);   // a chain
        assertThat(patch(problem, "{\"problemId\":\"" + other + "\"}")).isEqualTo(422);    // a problem with tickets
        assertThat(patch(other, "{\"problemId\":\"" + UUID.randomUUID() + "\"}")).isEqualTo(422);
        assertThat(patch(other, "{\"problemId\":\"not-a-uuid\"}")).isEqualTo(400);
        assertThat(patch(incident, "{\"problemId\":null}")).isEqualTo(200);
        given().get("/api/v1/tickets/" + incident + "/timeline").then()
                .body("summary", hasItem("Unlinked from problem ticket " + problem + " by dana"));
        given().get("/api/v1/tickets/" + other).then().body("problemId", equalTo(null));
        given().contentType(ContentType.JSON).get("/api/v1/tickets/" + incident).then().body("problemId", equalTo(null));
    }
}
