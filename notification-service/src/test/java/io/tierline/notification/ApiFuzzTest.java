package io.tierline.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Topics;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.WebhookReceiver;
import io.tierline.testsupport.fuzz.ApiFuzzContract;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Malformed and adversarial requests to every operation: no 5xx, problem answers, nothing changed. */
@QuarkusTest
@TestProfile(ApiFuzzContract.FreshDatabase.class)
@WithTestResource(TierlineInfrastructure.class)
class ApiFuzzTest extends ApiFuzzContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A person with a webhook, and a page delivered to it, so reads find them and refused writes aim at them. */
    @Override
    protected Map<String, List<String>> fixtures() {
        String person = Fixtures.person("fuzz");
        String contactMethod = given().header("Authorization", TestTokens.bearer("admin"))
                .contentType(ContentType.JSON)
                .body("{\"type\":\"WEBHOOK\",\"address\":\"" + WebhookReceiver.shared().hook(person) + "\"}")
                .post("/api/v1/people/" + person + "/contact-methods").then().statusCode(201).extract().path("id");
        UUID ticket = UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, Fixtures.routed(ticket, "core", person));
            kafka.send(Topics.SLA_EVENTS, Fixtures.breached(ticket, SlaClockKind.FIRST_RESPONSE));
        }
        String page = await().atMost(Duration.ofSeconds(30)).until(() -> given()
                .header("Authorization", TestTokens.bearer("viewer"))
                .get("/api/v1/pages?ticketId=" + ticket).then().statusCode(200)
                .extract().path("find { it.status == 'DELIVERED' }.id"), id -> id != null);
        given().header("Authorization", TestTokens.bearer("viewer")).get("/api/v1/pages/" + page)
                .then().statusCode(200).body("status", equalTo("DELIVERED"));
        return Map.of("personId", List.of(person), "id", List.of(contactMethod, page),
                "ticketId", List.of(ticket.toString()));
    }
}
