package io.tierline.ticket;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventJson;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.IncidentReported;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.ticket.IntegrationKeyIntakeTest.Created;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The Kafka intake: incident events on {@code tierline.incident-events}, sent to the real broker as another system
 * would, are applied as the generic REST intake applies its reports, once per {@code ce_id}; those that can never be
 * applied are dead-lettered with their reason while the consumer carries on.
 */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class KafkaIncidentIntakeTest {

    private static final String ADMIN = TestTokens.bearer("admin");
    private static final String DEAD_LETTERS = Topics.deadLetter("ticket-service", Topics.INCIDENT_EVENTS);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldOpenATicketFromAnIncidentEventCountEachNewEventOnceAndEndTheAlertOnResolve() {
        Created created = IntegrationKeyIntakeTest.integration("ENTERPRISE");
        UUID integration = UUID.fromString(created.integrationId());
        String dedupKey = "kafka-checkout-" + UUID.randomUUID();
        Map<String, Double> before = outcomes();
        double duplicatesBefore = duplicates();
        double openedBefore = registry.counter("tierline.tickets.opened", "severity", "SEV1", "source", "kafka")
                .count();

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            CloudEvent first = incident(new IncidentReported(integration, Severity.SEV1, "Checkout down",
                    "HTTP 500 on every payment", dedupKey, null));
            send(kafka, dedupKey, first);
            String ticketId = await().atMost(Duration.ofSeconds(30)).until(
                    () -> tickets(created.customerId()).getList("id", String.class), ids -> ids.size() == 1).get(0);
            given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                    .body("source", equalTo("kafka"))
                    .body("openedBy", equalTo("integration:" + created.integrationId()))
                    .body("severity", equalTo("SEV1"))
                    .body("title", equalTo("Checkout down"))
                    .body("description", equalTo("HTTP 500 on every payment"))
                    .body("dedupKey", equalTo(dedupKey))
                    .body("occurrences", equalTo(1));

            CloudEvent repeat = incident(new IncidentReported(integration, Severity.SEV1, "Checkout down", null,
                    dedupKey, "TRIGGER"));
            send(kafka, dedupKey, repeat);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().header("Authorization", ADMIN)
                    .get("/api/v1/tickets/" + ticketId).then().body("occurrences", equalTo(2)));

            // both records delivered again (same ce_id), then an acknowledge behind them on the same partition:
            // once the acknowledge shows, the redeliveries have been read, and they changed nothing
            send(kafka, dedupKey, first);
            send(kafka, dedupKey, repeat);
            send(kafka, dedupKey, incident(new IncidentReported(integration, Severity.SEV1, "Checkout down", null,
                    dedupKey, "ACKNOWLEDGE")));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().header("Authorization", ADMIN)
                    .get("/api/v1/tickets/" + ticketId + "/timeline").then()
                    .body("data.action", equalTo(java.util.Arrays.asList(null, "TRIGGER", "ACKNOWLEDGE"))));
            given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketId).then()
                    .body("occurrences", equalTo(2)).body("alertResolvedAt", nullValue());
            assertThat(tickets(created.customerId()).getList("id")).hasSize(1);

            send(kafka, dedupKey, incident(new IncidentReported(integration, Severity.SEV1, "Checkout down", null,
                    dedupKey, "RESOLVE")));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().header("Authorization", ADMIN)
                    .get("/api/v1/tickets/" + ticketId).then().body("alertResolvedAt", notNullValue()));
            // the alert has ended: its next firing is a new ticket
            send(kafka, dedupKey, incident(new IncidentReported(integration, Severity.SEV1, "Checkout down again",
                    null, dedupKey, null)));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    tickets(created.customerId()).getList("title", String.class))
                    .containsExactly("Checkout down again", "Checkout down"));
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(delta(before, "OPENED")).isEqualTo(2.0);
            assertThat(delta(before, "RECURRED")).isEqualTo(1.0);
            assertThat(delta(before, "ACKNOWLEDGED")).isEqualTo(1.0);
            assertThat(delta(before, "RESOLVED")).isEqualTo(1.0);
            assertThat(duplicates() - duplicatesBefore).isEqualTo(2.0);
            assertThat(registry.counter("tierline.tickets.opened", "severity", "SEV1", "source", "kafka").count()
                    - openedBefore).isEqualTo(2.0);
        });
    }

    @Test
    void shouldDeadLetterEventsNamingAnUnknownOrRevokedIntegrationOrWithInvalidDataAndCarryOn() {
        Created created = IntegrationKeyIntakeTest.integration("BUSINESS");
        Created revoked = IntegrationKeyIntakeTest.integration("STANDARD");
        given().header("Authorization", ADMIN).delete("/api/v1/integrations/" + revoked.integrationId())
                .then().statusCode(200);
        UUID integration = UUID.fromString(created.integrationId());
        UUID unknown = UUID.randomUUID();
        // every record under one key, so on one partition: the valid one comes after all the poison
        String key = "kafka-poison-" + UUID.randomUUID();

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            send(kafka, key, incident(new IncidentReported(unknown, Severity.SEV2, "Disk full", null, key, null)));
            send(kafka, key, incident(new IncidentReported(UUID.fromString(revoked.integrationId()), Severity.SEV2,
                    "Disk full", null, key, null)));
            send(kafka, key, incident("{\"integrationId\":\"" + integration + "\",\"dedupKey\":\"" + key + "\"}"));
            send(kafka, key, incident(new IncidentReported(integration, Severity.SEV2, "Disk full", null, key,
                    "ESCALATE")));
            send(kafka, key, incident(new IncidentReported(integration, Severity.SEV2, "x".repeat(301), null, key,
                    null)));
            send(kafka, key, incident(new IncidentReported(integration, Severity.SEV2, "Disk full",
                    "x".repeat(20_001), key, null)));
            send(kafka, key, incident(new IncidentReported(integration, Severity.SEV2, "Disk\u0000full", null, key,
                    null)));
            send(kafka, key, incident(new IncidentReported(integration, Severity.SEV2, "Disk full", null, null,
                    "RESOLVE")));
            send(kafka, key, incident("{\"integrationId\":\"" + integration
                    + "\",\"severity\":\"SEV9\",\"title\":\"Disk full\"}"));
            send(kafka, key, incident(new IncidentReported(integration, Severity.SEV2, "Disk full on db1", null, key,
                    null)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ADMIN)
                    .queryParam("customerId", created.customerId()).get("/api/v1/tickets").then().statusCode(200)
                    .body("items.title", equalTo(List.of("Disk full on db1"))).body("items.source", equalTo(List.of("kafka"))));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(kafka.readAll(DEAD_LETTERS).stream()
                    .filter(r -> key.equals(r.key()))
                    .map(r -> KafkaTestClient.header(r, "dead-letter-reason")))
                    .containsExactly(
                            "unknown integration " + unknown,
                            "integration " + revoked.integrationId() + " is revoked",
                            "invalid incident: severity is required; title is required and must not be blank",
                            "invalid incident: action must be one of TRIGGER, ACKNOWLEDGE, RESOLVE",
                            "invalid incident: title is longer than 300 characters",
                            "invalid incident: description is longer than 20000 characters",
                            "invalid incident: title must not contain the NUL character",
                            "invalid incident: dedupKey is required to resolve an incident",
                            "data is not a valid IncidentReported: InvalidFormatException at severity"));
            // dead letters keep what the sender sent, to be looked at and sent again once put right
            ConsumerRecord<String, String> parked = kafka.readAll(DEAD_LETTERS).stream()
                    .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
            assertThat(KafkaTestClient.header(parked, "ce_type")).isEqualTo(EventTypes.INCIDENT_REPORTED);
            assertThat(parked.value()).contains(unknown.toString());
        }
        given().header("Authorization", ADMIN).queryParam("customerId", revoked.customerId())
                .get("/api/v1/tickets").then().statusCode(200).body("items", hasSize(0));
    }

    private static CloudEvent incident(IncidentReported data) {
        return incident(EventJson.write(data));
    }

    /** As another system sends it: no subject, its own source. */
    private static CloudEvent incident(String data) {
        return new CloudEvent(UUID.randomUUID(), EventTypes.INCIDENT_REPORTED, "/acme/monitoring", null,
                Instant.now(), data);
    }

    private static void send(KafkaTestClient kafka, String key, CloudEvent event) {
        kafka.send(Topics.INCIDENT_EVENTS, key, event.headers(), event.data());
    }

    /** The customer's tickets, newest first. */
    private static JsonPath tickets(String customerId) {
        return given().header("Authorization", ADMIN).queryParam("customerId", customerId).get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().setRootPath("items");
    }

    private Map<String, Double> outcomes() {
        return Map.of("OPENED", alerts("OPENED"), "RECURRED", alerts("RECURRED"),
                "ACKNOWLEDGED", alerts("ACKNOWLEDGED"), "RESOLVED", alerts("RESOLVED"));
    }

    private double delta(Map<String, Double> before, String outcome) {
        return alerts(outcome) - before.get(outcome);
    }

    private double alerts(String outcome) {
        return registry.counter("tierline.intake.alerts", "source", "kafka", "outcome", outcome).count();
    }

    private double duplicates() {
        return registry.counter("tierline.events.duplicates", "channel", "incident-events").count();
    }
}
