package io.tierline.sla;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.SlaMet;
import io.tierline.contracts.events.SlaWarning;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.platform.timer.TimerPoller;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

/** Test profile: ENTERPRISE SEV1 first response 2 s, warning at 50 %, late after 1 s. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class SlaClockFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TimerPoller poller;

    KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private UUID open(Plan plan, Severity severity, Instant openedAt) {
        UUID ticket = UUID.randomUUID();
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new TicketOpened(ticket, UUID.randomUUID(), "Acme",
                plan, severity, "Checkout down", "api", "dana", openedAt), openedAt));
        return ticket;
    }

    private List<CloudEvent> slaEvents(UUID ticket) {
        return kafka.events(Topics.SLA_EVENTS, e -> e.subject().equals(ticket.toString()));
    }

    private void awaitClock(UUID ticket, String status) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/v1/tickets/" + ticket + "/sla").then().statusCode(200)
                        .body("clocks[0].status", equalTo(status)));
    }

    @Test
    void shouldWarnAtThresholdThenBreachWithinASecondOfTheDeadline() {
        UUID ticket = open(Plan.ENTERPRISE, Severity.SEV1, Instant.now());

        await().atMost(Duration.ofSeconds(10)).until(() -> slaEvents(ticket).size() == 2);
        List<CloudEvent> events = slaEvents(ticket);
        assertThat(events).extracting(CloudEvent::type).containsExactly(EventTypes.SLA_WARNING, EventTypes.SLA_BREACHED);
        SlaWarning warning = events.get(0).payload(SlaWarning.class);
        SlaBreached breach = events.get(1).payload(SlaBreached.class);
        assertThat(warning.thresholdPercent()).isEqualTo(50);
        assertThat(warning.late()).isFalse();
        assertThat(breach.late()).isFalse();
        assertThat(breach.severity()).isEqualTo(Severity.SEV1);
        assertThat(Duration.between(breach.dueAt(), breach.announcedAt())).isLessThan(Duration.ofSeconds(1));
        awaitClock(ticket, "BREACHED");
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("tierline_sla_breaches_total{"));
    }

    @Test
    void shouldStopTheClockOnAnAgentsPublicReplySoNoWarningOrBreachFollows() {
        UUID ticket = open(Plan.ENTERPRISE, Severity.SEV1, Instant.now());
        awaitClock(ticket, "RUNNING");
        Instant internalAt = Instant.now();
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new TicketCommented(ticket, UUID.randomUUID(),
                "INTERNAL", "AGENT", "dana", "dana", internalAt), internalAt));
        Instant replyAt = Instant.now();
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new TicketCommented(ticket, UUID.randomUUID(),
                "PUBLIC", "AGENT", "dana", "dana", replyAt), replyAt));

        awaitClock(ticket, "MET");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            List<CloudEvent> events = slaEvents(ticket);
            assertThat(events).extracting(CloudEvent::type).containsExactly(EventTypes.SLA_MET);
            assertThat(events.get(0).payload(SlaMet.class).metAt()).isEqualTo(replyAt);
        });
    }

    @Test
    void shouldAnnounceADeadlineThatPassedWhileTheServiceWasAwayAsLate() {
        UUID ticket = open(Plan.ENTERPRISE, Severity.SEV1, Instant.now().minus(Duration.ofMinutes(10)));

        await().atMost(Duration.ofSeconds(10)).until(() -> slaEvents(ticket).size() == 2);
        List<CloudEvent> events = slaEvents(ticket);
        assertThat(events).extracting(CloudEvent::type).containsExactly(EventTypes.SLA_WARNING, EventTypes.SLA_BREACHED);
        assertThat(events.get(0).payload(SlaWarning.class).late()).isTrue();
        SlaBreached breach = events.get(1).payload(SlaBreached.class);
        assertThat(breach.late()).isTrue();
        assertThat(breach.announcedAt()).isAfter(breach.dueAt().plusSeconds(60));
        given().get("/api/v1/tickets/" + ticket + "/sla").then().body("clocks[0].late", equalTo(true));
    }

    @Test
    void shouldStartOneClockWhenTheSameEventArrivesTwice() {
        UUID ticket = UUID.randomUUID();
        Instant now = Instant.now();
        CloudEvent opened = CloudEvent.of("/test", new TicketOpened(ticket, UUID.randomUUID(), "Acme", Plan.STANDARD,
                Severity.SEV4, "Question", "api", "dana", now), now);
        kafka.send(Topics.TICKET_EVENTS, opened);
        kafka.send(Topics.TICKET_EVENTS, opened);

        awaitClock(ticket, "RUNNING");
        given().get("/api/v1/tickets/" + ticket + "/sla").then().body("clocks.size()", equalTo(1))
                .body("clocks[0].target", equalTo("PT72H"));
    }

    @Test
    void shouldFireEachTimerOnceWhenSeveralPollersRace() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tickets.add(open(Plan.ENTERPRISE, Severity.SEV1, longAgo));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(() -> {
                    int fired = 0;
                    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (System.nanoTime() < until) {
                        if (poller.fireNext()) {
                            fired++;
                        }
                    }
                    return fired;
                });
            }
            for (Future<Integer> racer : pool.invokeAll(racers)) {
                racer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> ours = tickets.stream().map(UUID::toString).collect(Collectors.toSet());
            List<CloudEvent> breaches = kafka.events(Topics.SLA_EVENTS,
                    e -> ours.contains(e.subject()) && e.type().equals(EventTypes.SLA_BREACHED));
            assertThat(breaches).hasSize(20);
            assertThat(breaches.stream().map(CloudEvent::subject).distinct()).hasSize(20);
        });
    }

    @Test
    void shouldDeadLetterPoisonRecordsAndKeepConsuming() {
        UUID ticket = UUID.randomUUID();
        kafka.send(Topics.TICKET_EVENTS, ticket.toString(), List.of(), "{\"no\":\"envelope\"}");
        CloudEvent unknown = new CloudEvent(UUID.randomUUID(), "tierline.ticket.exploded", "/test", ticket.toString(),
                Instant.now(), "{}");
        kafka.send(Topics.TICKET_EVENTS, unknown);
        CloudEvent broken = new CloudEvent(UUID.randomUUID(), EventTypes.TICKET_OPENED, "/test", ticket.toString(),
                Instant.now(), "{not json");
        kafka.send(Topics.TICKET_EVENTS, broken);
        UUID healthy = open(Plan.BUSINESS, Severity.SEV3, Instant.now());

        String dlq = Topics.deadLetter("sla-service", Topics.TICKET_EVENTS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var parked = kafka.readAll(dlq).stream().filter(r -> ticket.toString().equals(r.key())).toList();
            assertThat(parked).hasSize(3);
            assertThat(parked).allSatisfy(r ->
                    assertThat(KafkaTestClient.header(r, "dead-letter-reason")).isNotBlank());
            assertThat(parked.stream().map(r -> KafkaTestClient.header(r, "dead-letter-reason")))
                    .anySatisfy(reason -> assertThat(reason).contains("missing header ce_specversion"))
                    .anySatisfy(reason -> assertThat(reason).contains("unknown ce_type"))
                    .anySatisfy(reason -> assertThat(reason).contains("not a valid TicketOpened"));
        });
        awaitClock(healthy, "RUNNING");
    }

    @Test
    void shouldAnswerProblemForUnknownTicketAndShowPolicies() {
        given().get("/api/v1/tickets/" + UUID.randomUUID() + "/sla").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/tickets/not-a-uuid/sla").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/sla-policies").then().statusCode(200)
                .body("firstResponse", hasKey("ENTERPRISE"))
                .body("firstResponse.ENTERPRISE.SEV1", equalTo("PT2S"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
