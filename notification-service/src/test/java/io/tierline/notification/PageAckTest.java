package io.tierline.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.WebhookReceiver;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.notification.Fixtures.breached;
import static io.tierline.notification.Fixtures.person;
import static io.tierline.notification.Fixtures.registerWebhook;
import static io.tierline.notification.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Every call carries a real token: who acknowledged a page is the caller the token names. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class PageAckTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final WebhookReceiver receiver = WebhookReceiver.shared();

    @Test
    void shouldRecordTheCallerAsTheOneWhoAcknowledgedAndAnnounceEachPageOnce() {
        UUID ticketId = UUID.randomUUID();
        String heidi = person("heidi");
        String ivan = person("ivan");
        String judy = person("lead-judy");
        registerWebhook(heidi, receiver.hook("heidi"));
        registerWebhook(ivan, receiver.hook("ivan"));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", heidi, ivan));
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(as("viewer", "vic")
                    .queryParam("ticketId", ticketId.toString()).get("/api/v1/pages")
                    .then().extract().jsonPath().getList("status", String.class))
                    .containsExactly("DELIVERED", "DELIVERED"));
            var pages = as("viewer", "vic").queryParam("ticketId", ticketId.toString()).get("/api/v1/pages")
                    .jsonPath();
            String heidiPage = pages.getString("find { it.responderId == '" + heidi + "' }.id");
            String ivanPage = pages.getString("find { it.responderId == '" + ivan + "' }.id");

            // the paged responder acknowledges her own page
            as("agent", heidi).post("/api/v1/pages/" + heidiPage + "/ack").then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("responderId", equalTo(heidi))
                    .body("acknowledgedBy", equalTo(heidi))
                    .body("acknowledgedAt", notNullValue())
                    .body("attempts.size()", equalTo(1));
            // a lead acknowledges on ivan's behalf: recorded as the lead, whatever name the body claims
            as("admin", judy).contentType(ContentType.JSON).body("{\"by\":\"" + ivan + "\"}")
                    .post("/api/v1/pages/" + ivanPage + "/ack").then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("responderId", equalTo(ivan))
                    .body("acknowledgedBy", equalTo(judy));
            // a repeated ack, by anyone, answers the page as it is and announces nothing
            as("agent", "someone-else").post("/api/v1/pages/" + heidiPage + "/ack").then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo(heidi));
            as("agent", heidi).post("/api/v1/pages/" + heidiPage + "/ack").then().statusCode(200)
                    .body("acknowledgedBy", equalTo(heidi));
            as("viewer", "vic").get("/api/v1/pages/" + heidiPage).then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo(heidi));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(acks(kafka, ticketId)).hasSize(2));
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(acks(kafka, ticketId)).hasSize(2));
            List<PageAcknowledged> acks = acks(kafka, ticketId);
            assertThat(acks).extracting(a -> a.pageId().toString()).containsExactlyInAnyOrder(heidiPage, ivanPage);
            assertThat(acks).extracting(PageAcknowledged::acknowledgedBy).containsExactlyInAnyOrder(heidi, judy);
            assertThat(acks).extracting(PageAcknowledged::cause).containsOnly("SLA_BREACHED:FIRST_RESPONSE");
        }
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownPage() {
        as("agent", "kim").post("/api/v1/pages/" + UUID.randomUUID() + "/ack").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Page not found"));
        as("agent", "kim").contentType(ContentType.JSON).body("{}")
                .post("/api/v1/pages/" + UUID.randomUUID() + "/ack").then().statusCode(404)
                .contentType("application/problem+json");
        as("viewer", "vic").get("/api/v1/pages/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static RequestSpecification as(String role, String person) {
        return given().header("Authorization", TestTokens.bearer(role, person));
    }

    private static List<PageAcknowledged> acks(KafkaTestClient kafka, UUID ticketId) {
        return kafka.events(Topics.PAGE_EVENTS, e -> e.subject().equals(ticketId.toString())
                        && e.type().equals(EventTypes.PAGE_ACKNOWLEDGED)).stream()
                .map(e -> e.payload(PageAcknowledged.class)).toList();
    }
}
