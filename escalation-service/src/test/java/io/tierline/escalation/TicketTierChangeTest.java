package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.ReproductionPackage;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.TicketEscalationRequested;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Escalation requests on a real broker and database: the tier moves up once, to the tier's team and its on-call people. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class TicketTierChangeTest {

    private static final ReproductionPackage PACKAGE = new ReproductionPackage("1. pay with a saved card", "production",
            "4.2.1", "payment accepted", "HTTP 500", List.of("trace 4bf92f3577b34da6"),
            new ReproductionPackage.CustomerImpact(1200, Instant.parse("2026-11-29T02:00:00Z"), false, null),
            List.of());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        RoutingFixtures.ensureDemoRouting();
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void shouldMoveARoutedTicketToL3EngineeringOnceAndAnnounceTheNewResponders() {
        TicketOpened opened = TicketRoutingTest.opened(Severity.SEV1, Plan.ENTERPRISE);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));
        TicketEscalationRequested requested = new TicketEscalationRequested(opened.ticketId(), UUID.randomUUID(),
                Tier.L2, Tier.L3, "a defect in the card vault", PACKAGE, "dana", Instant.now());
        CloudEvent request = CloudEvent.of("/test", requested, Instant.now());
        kafka.send(Topics.TICKET_EVENTS, request);
        kafka.send(Topics.TICKET_EVENTS, request); // redelivered: applied once
        // a second request for the same tier, once the first went through, changes nothing
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new TicketEscalationRequested(opened.ticketId(),
                UUID.randomUUID(), Tier.L2, Tier.L3, "again", PACKAGE, "eve", Instant.now()), Instant.now()));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<TicketTierChanged> changes = kafka.events(Topics.ESCALATION_EVENTS,
                            e -> e.subject().equals(opened.ticketId().toString())
                                    && e.type().equals(EventTypes.TICKET_TIER_CHANGED))
                    .stream().map(e -> e.payload(TicketTierChanged.class)).toList();
            assertThat(changes).singleElement().satisfies(changed -> {
                assertThat(changed.fromTier()).isEqualTo(Tier.L2);
                assertThat(changed.toTier()).isEqualTo(Tier.L3);
                assertThat(changed.team()).isEqualTo("engineering");
                assertThat(changed.escalationId()).isEqualTo(requested.escalationId());
                assertThat(changed.reason()).isEqualTo("a defect in the card vault");
                assertThat(changed.responders()).containsExactly(new Responder("dave", "dave"));
            });
        });
        given().get("/api/v1/escalations/" + opened.ticketId()).then().statusCode(200)
                .body("tier", equalTo("L3")).body("team", equalTo("engineering"))
                .body("responders.id", equalTo(List.of("dave")));
    }
}
