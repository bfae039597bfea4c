package io.tierline.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The routing flow against a real broker and database: ticket events in, routed events out through the outbox. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class TicketRoutingTest {

    private static final String DEAD_LETTERS = Topics.deadLetter("escalation-service", Topics.TICKET_EVENTS);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MeterRegistry registry;

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

    static TicketOpened opened(Severity severity, Plan plan) {
        return new TicketOpened(UUID.randomUUID(), UUID.randomUUID(), "Acme Corp", plan, severity,
                "Checkout is down", "api", "dana", Instant.now());
    }

    private List<ConsumerRecord<String, String>> routedRecords(UUID ticketId) {
        return kafka.readAll(Topics.ESCALATION_EVENTS).stream()
                .filter(r -> ticketId.toString().equals(r.key()))
                .filter(r -> EventTypes.TICKET_ROUTED.equals(KafkaTestClient.header(r, "ce_type")))
                .toList();
    }

    private TicketRouted awaitRouted(UUID ticketId) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(routedRecords(ticketId)).hasSize(1));
        ConsumerRecord<String, String> record = routedRecords(ticketId).get(0);
        return CloudEvent.from(record.headers(), record.value()).payload(TicketRouted.class);
    }

    private double duplicatesSeen() {
        Counter counter = registry.find("tierline.events.duplicates").tag("channel", "ticket-events").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldRouteAnOpenedSev1TicketToL2CoreAndPublishOneRoutedEvent() {
        TicketOpened opened = opened(Severity.SEV1, Plan.ENTERPRISE);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));

        String ticketId = opened.ticketId().toString();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = routedRecords(opened.ticketId());
            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(record.key()).isEqualTo(ticketId);
            assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(EventTypes.TICKET_ROUTED);
            assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(ticketId);
            assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("/tierline/escalation-service");
            TicketRouted routed = CloudEvent.from(record.headers(), record.value()).payload(TicketRouted.class);
            assertThat(routed.tier()).isEqualTo(Tier.L2);
            assertThat(routed.team()).isEqualTo("core");
            assertThat(routed.rule()).isEqualTo("sev1-sev2-to-l2");
            assertThat(routed.responders())
                    .containsExactly(new Responder("alice", "alice"), new Responder("bob", "bob"));
            assertThat(routed.routedAt()).isNotNull();
        });

        given().get("/api/v1/escalations/" + ticketId).then().statusCode(200)
                .body("ticketId", equalTo(ticketId))
                .body("severity", equalTo("SEV1"))
                .body("plan", equalTo("ENTERPRISE"))
                .body("tier", equalTo("L2"))
                .body("team", equalTo("core"))
                .body("rule", equalTo("sev1-sev2-to-l2"))
                .body("responders.id", equalTo(List.of("alice", "bob")))
                .body("routedAt", notNullValue());
    }

    @Test
    void shouldRouteTheNextTicketByARuleCreatedThroughTheApi() {
        RoutingFixtures.ensureTeam("payments", "Payments", "L2", List.of("erin"));
        String rule = given().contentType(ContentType.JSON).body(Map.of("name", "payments-by-title", "position", 1,
                        "conditions", Map.of("text", Map.of("mode", "REGEX_IGNORE_CASE", "value", "card (vault|declined)"),
                                "sources", List.of("api")),
                        "action", Map.of("tier", "L2", "team", "payments")))
                .post("/api/v1/routing-rules").then().statusCode(201).extract().path("id");
        try {
            TicketOpened opened = new TicketOpened(UUID.randomUUID(), UUID.randomUUID(), "Acme Corp", Plan.STANDARD,
                    Severity.SEV3, "Card declined at checkout", "api", "dana", Instant.now());
            kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));

            TicketRouted routed = awaitRouted(opened.ticketId());
            assertThat(routed.tier()).isEqualTo(Tier.L2);
            assertThat(routed.team()).isEqualTo("payments");
            assertThat(routed.rule()).isEqualTo("payments-by-title");
            assertThat(routed.responders()).containsExactly(new Responder("erin", "erin"));
        } finally {
            given().delete("/api/v1/routing-rules/" + rule).then().statusCode(204);
        }
    }

    @Test
    void shouldRouteASeverityNoRuleMatchesToTheDefaultTierAndTeam() {
        TicketOpened opened = opened(Severity.SEV3, Plan.ENTERPRISE);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));

        TicketRouted routed = awaitRouted(opened.ticketId());
        assertThat(routed.tier()).isEqualTo(Tier.L1);
        assertThat(routed.team()).isEqualTo("frontline");
        assertThat(routed.rule()).isEqualTo("default");
        assertThat(routed.responders()).containsExactly(new Responder("carol", "carol"));
        given().get("/api/v1/escalations/" + opened.ticketId()).then().statusCode(200)
                .body("tier", equalTo("L1"))
                .body("team", equalTo("frontline"))
                .body("responders.id", equalTo(List.of("carol")));
    }

    @Test
    void shouldRouteARedeliveredEventOnlyOnce() {
        TicketOpened opened = opened(Severity.SEV2, Plan.BUSINESS);
        CloudEvent event = CloudEvent.of("/test", opened, Instant.now());
        double duplicatesBefore = duplicatesSeen();

        kafka.send(Topics.TICKET_EVENTS, event);
        kafka.send(Topics.TICKET_EVENTS, event);

        // the second copy (same ce_id) has been consumed once the consumer counts it as a duplicate
        await().atMost(Duration.ofSeconds(15)).until(() -> duplicatesSeen() >= duplicatesBefore + 1);
        TicketRouted routed = awaitRouted(opened.ticketId());
        assertThat(routed.tier()).isEqualTo(Tier.L2);
        String routedAt = given().get("/api/v1/escalations/" + opened.ticketId()).then().statusCode(200)
                .body("tier", equalTo("L2"))
                .extract().path("routedAt");
        assertThat(Instant.parse(routedAt)).isEqualTo(routed.routedAt());
    }

    @Test
    void shouldKeepTheFirstRoutingWhenATicketIsOpenedAgainUnderANewEventId() {
        TicketOpened opened = opened(Severity.SEV4, Plan.STANDARD);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));
        TicketRouted first = awaitRouted(opened.ticketId());

        TicketOpened again = new TicketOpened(opened.ticketId(), opened.customerId(), opened.customerName(),
                opened.plan(), Severity.SEV1, opened.title(), opened.source(), opened.openedBy(), Instant.now());
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", again, Instant.now()));
        // a later event on the same key is consumed after the repeat, so once it is routed the repeat was seen
        TicketOpened marker = opened(Severity.SEV4, Plan.STANDARD);
        CloudEvent markerEvent = CloudEvent.of("/test", marker, Instant.now());
        kafka.send(Topics.TICKET_EVENTS, opened.ticketId().toString(), markerEvent.headers(), markerEvent.data());
        awaitRouted(marker.ticketId());

        assertThat(routedRecords(opened.ticketId())).hasSize(1);
        given().get("/api/v1/escalations/" + opened.ticketId()).then().statusCode(200)
                .body("tier", equalTo(first.tier().name()))
                .body("severity", equalTo("SEV4"));
    }

    @Test
    void shouldIgnoreOtherTicketEvents() {
        UUID ticketId = UUID.randomUUID();
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test",
                new TicketCommented(ticketId, UUID.randomUUID(), "PUBLIC", "AGENT", "dana", "dana", Instant.now()),
                Instant.now()));
        TicketOpened marker = opened(Severity.SEV4, Plan.STANDARD);
        CloudEvent markerEvent = CloudEvent.of("/test", marker, Instant.now());
        kafka.send(Topics.TICKET_EVENTS, ticketId.toString(), markerEvent.headers(), markerEvent.data());
        awaitRouted(marker.ticketId());

        assertThat(routedRecords(ticketId)).isEmpty();
        assertThat(kafka.readAll(DEAD_LETTERS)).noneMatch(r -> ticketId.toString().equals(r.key()));
        given().get("/api/v1/escalations/" + ticketId).then().statusCode(404);
    }

    @Test
    void shouldDeadLetterPoisonRecordsAndCarryOn() {
        TicketOpened valid = opened(Severity.SEV1, Plan.STANDARD);
        String key = valid.ticketId().toString();
        Instant now = Instant.now();
        // all on the valid event's key, so they share its partition and are consumed before it
        kafka.send(Topics.TICKET_EVENTS, key, List.<Header>of(), "{\"ticketId\":\"" + key + "\"}");
        kafka.send(Topics.TICKET_EVENTS, key,
                new CloudEvent(UUID.randomUUID(), "tierline.ticket.teleported", "/test", key, now, "{}").headers(),
                "{\"ticketId\":\"" + key + "\"}");
        kafka.send(Topics.TICKET_EVENTS, key,
                new CloudEvent(UUID.randomUUID(), EventTypes.TICKET_OPENED, "/test", key, now, "x").headers(),
                "{\"ticketId\": not json");
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", valid, now));

        TicketRouted routed = awaitRouted(valid.ticketId());
        assertThat(routed.tier()).isEqualTo(Tier.L2);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = kafka.readAll(DEAD_LETTERS).stream()
                    .filter(r -> key.equals(r.key())).toList();
            assertThat(dead).hasSize(3);
            assertThat(dead).allSatisfy(r -> assertThat(KafkaTestClient.header(r, "dead-letter-reason")).isNotBlank());
            assertThat(dead).extracting(r -> KafkaTestClient.header(r, "dead-letter-reason"))
                    .anySatisfy(reason -> assertThat(reason).contains("missing header"))
                    .anySatisfy(reason -> assertThat(reason).contains("unknown ce_type"))
                    .anySatisfy(reason -> assertThat(reason).contains("not a valid TicketOpened"));
        });
    }

    @Test
    void shouldServeReadinessAndCountRoutedTickets() {
        TicketOpened opened = opened(Severity.SEV2, Plan.ENTERPRISE);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));
        awaitRouted(opened.ticketId());

        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200)
                        .body(containsString("tierline_escalations_routed_total{"))
                        .body(containsString("team=\"core\""))
                        .body(containsString("tier=\"L2\"")));
    }
}
