package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.TicketEscalationRequested;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.ticket.TicketApiTest.createCustomer;
import static io.tierline.ticket.TicketApiTest.createTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@TestSecurity(user = "dana", roles = {"agent", "admin"})
@WithTestResource(TierlineInfrastructure.class)
class TicketEscalationApiTest {

    static final String PACKAGE = """
            {"steps":"1. open checkout\\n2. pay with a saved card","environment":"production eu-west-1",
             "productVersion":"4.2.1","expected":"the payment is accepted","actual":"HTTP 500 from /payments",
             "logReferences":["trace 4bf92f3577b34da6"],
             "impact":{"affectedUsers":1200,"since":"2026-11-29T02:00:00Z","workaround":false}}""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void shouldRefuseAnL3EscalationWithoutAReproductionPackageNamingEachMissingPart() {
        String ticket = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV1);

        given().contentType(ContentType.JSON).body("{\"targetTier\":\"L3\",\"reason\":\"looks like a defect\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("reproduction")));
        given().contentType(ContentType.JSON).body("""
                        {"targetTier":"L3","reason":"looks like a defect",
                         "reproduction":{"environment":"production","productVersion":"4.2.1","expected":"ok",
                          "actual":"500","logReferences":["trace 1"],
                          "impact":{"affectedUsers":5,"since":"2026-11-29T02:00:00Z","workaround":true}}}""")
                .post("/api/v1/tickets/" + ticket + "/escalations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("reproduction.steps", "reproduction.impact.workaroundDescription")))
                .body("detail", containsString("reproduction.steps"));

        given().get("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(200).body("size()", equalTo(0));
        given().get("/api/v1/tickets/" + ticket + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED)));
    }

    @Test
    void shouldStoreAndEmitAnL3EscalationWithItsPackageAndShowTheNewTierOnceEscalationServiceMovesIt() {
        String ticket = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV1);

        String escalation = given().contentType(ContentType.JSON)
                .body("{\"targetTier\":\"L3\",\"reason\":\"a defect in the card vault\",\"reproduction\":" + PACKAGE + "}")
                .post("/api/v1/tickets/" + ticket + "/escalations")
                .then().statusCode(201).header("Location", containsString("/escalations/"))
                .body("toTier", equalTo("L3")).body("requestedBy", equalTo("dana"))
                .body("reproduction.steps", equalTo("1. open checkout\n2. pay with a saved card"))
                .body("reproduction.impact.affectedUsers", equalTo(1200))
                .extract().path("id");
        given().get("/api/v1/tickets/" + ticket + "/escalations/" + escalation).then().statusCode(200)
                .body("reproduction.logReferences", equalTo(List.of("trace 4bf92f3577b34da6")));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kafka.events(Topics.TICKET_EVENTS,
                            e -> e.subject().equals(ticket) && e.type().equals(EventTypes.TICKET_ESCALATION_REQUESTED)))
                    .singleElement().extracting(e -> e.payload(TicketEscalationRequested.class))
                    .satisfies(requested -> {
                        assertThat(requested.toTier()).isEqualTo(Tier.L3);
                        assertThat(requested.escalationId()).isEqualTo(UUID.fromString(escalation));
                        assertThat(requested.reproduction().actual()).isEqualTo("HTTP 500 from /payments");
                        assertThat(requested.reproduction().impact().since())
                                .isEqualTo(Instant.parse("2026-11-29T02:00:00Z"));
                    }));

            // what escalation-service answers (its own test proves it does)
            kafka.send(Topics.ESCALATION_EVENTS, CloudEvent.of("/tierline/escalation-service",
                    new TicketTierChanged(UUID.fromString(ticket), Tier.L2, Tier.L3, "engineering",
                            "a defect in the card vault", UUID.fromString(escalation),
                            List.of(new Responder("dave", "dave")), Instant.now()), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/tickets/" + ticket).then()
                .body("tier", equalTo("L3")).body("team", equalTo("engineering")));
        given().get("/api/v1/tickets/" + ticket + "/timeline").then()
                .body("summary", hasItem("Escalation to L3 requested by dana: a defect in the card vault"
                        + " (with a reproduction package)"))
                .body("summary", hasItem("Moved to L3 from L2, team engineering; on call: dave"));

        // L3 is the top: another escalation is refused
        given().contentType(ContentType.JSON)
                .body("{\"targetTier\":\"L3\",\"reason\":\"again\",\"reproduction\":" + PACKAGE + "}")
                .post("/api/v1/tickets/" + ticket + "/escalations")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void shouldHandATicketToL2WithAReasonAlone() {
        String ticket = createTicket(createCustomer(Plan.BUSINESS), Severity.SEV3);
        given().contentType(ContentType.JSON).body("{\"targetTier\":\"L2\",\"reason\":\"needs a database expert\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations")
                .then().statusCode(201).body("reproduction", equalTo(null));
        given().contentType(ContentType.JSON).body("{\"targetTier\":\"L2\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations")
                .then().statusCode(400).body("errors[0].field", containsString("reason"));
    }
}
