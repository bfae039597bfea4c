package io.tierline.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Topics;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.WebhookReceiver;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.notification.Fixtures.breached;
import static io.tierline.notification.Fixtures.person;
import static io.tierline.notification.Fixtures.registerWebhook;
import static io.tierline.notification.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code max-in-flight} rounds waiting for answers, a page that comes due waits in its timer, looked at again
 * every {@code busy-delay}, and goes out once a round has its answer.
 */
@QuarkusTest
@TestProfile(DeliveryBoundTest.OneRoundInFlight.class)
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class DeliveryBoundTest {

    public static class OneRoundInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tierline.notification.delivery.max-in-flight", "1",
                    "tierline.notification.delivery.busy-delay", "100ms",
                    "tierline.notification.delivery.timeout", "30s");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final WebhookReceiver receiver = WebhookReceiver.shared();

    @Test
    void shouldKeepAPageWaitingWhileTheInstanceHasAsManyRoundsInFlightAsItMay() {
        UUID slowTicket = UUID.randomUUID();
        UUID nextTicket = UUID.randomUUID();
        String nia = person("nia");
        String omar = person("omar");
        String omarHook = receiver.hook("omar");
        try (HeldReceiver slow = new HeldReceiver(1); KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            registerWebhook(nia, slow.url());
            registerWebhook(omar, omarHook);
            kafka.send(Topics.ESCALATION_EVENTS, routed(slowTicket, "payments", nia));
            kafka.send(Topics.SLA_EVENTS, breached(slowTicket, SlaClockKind.FIRST_RESPONSE));
            await().atMost(PATIENCE).until(() -> slow.requests().size() == 1);

            kafka.send(Topics.ESCALATION_EVENTS, routed(nextTicket, "payments", omar));
            kafka.send(Topics.SLA_EVENTS, breached(nextTicket, SlaClockKind.FIRST_RESPONSE));
            await().atMost(PATIENCE).until(() -> statuses(nextTicket).size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(statuses(nextTicket)).containsExactly("PENDING");
                assertThat(receiver.requests(omarHook)).isEmpty();
            });

            slow.release();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(statuses(nextTicket)).containsExactly("DELIVERED"));
            assertThat(statuses(slowTicket)).containsExactly("DELIVERED");
            assertThat(receiver.requests(omarHook)).hasSize(1);
            assertThat(slow.requests()).hasSize(1);
        }
    }

    private static List<String> statuses(UUID ticketId) {
        return given().queryParam("ticketId", ticketId.toString()).get("/api/v1/pages")
                .then().statusCode(200).extract().jsonPath().getList("status", String.class);
    }
}
