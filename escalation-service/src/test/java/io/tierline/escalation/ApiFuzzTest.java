package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.fuzz.ApiFuzzContract;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Malformed and adversarial requests to every operation: no 5xx, problem answers, nothing changed. */
@QuarkusTest
@TestProfile(ApiFuzzContract.FreshDatabase.class)
@WithTestResource(TierlineInfrastructure.class)
class ApiFuzzTest extends ApiFuzzContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A routed ticket, so reads of an escalation that exists are fuzzed too. */
    @Override
    protected Map<String, List<String>> fixtures() {
        UUID ticket = UUID.randomUUID();
        Instant now = Instant.now();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new TicketOpened(ticket, UUID.randomUUID(),
                    "Fuzz Corp", Plan.BUSINESS, Severity.SEV2, "Fuzzing", "api", now), now));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("viewer"))
                .get("/api/v1/escalations/" + ticket).then().statusCode(200));
        return Map.of("ticketId", List.of(ticket.toString()));
    }
}
