package io.tierline.notification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.PageDelivered;
import io.tierline.contracts.events.PageFailed;
import io.tierline.contracts.events.PageRequested;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.notification.domain.WebhookAddresses;
import io.tierline.testsupport.WebhookReceiver;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.notification.Fixtures.breached;
import static io.tierline.notification.Fixtures.person;
import static io.tierline.notification.Fixtures.registerWebhook;
import static io.tierline.notification.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From routing and SLA events on Kafka to webhook POSTs and page events, through the real broker and database. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class PagingFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tierline.notification.delivery.max-attempts")
    int maxAttempts;

    @Inject
    AgroalDataSource dataSource;

    private final WebhookReceiver receiver = WebhookReceiver.shared();

    @Test
    void shouldPageEveryRoutedResponderOnceWhenTheSlaIsBreached() {
        UUID ticketId = UUID.randomUUID();
        String alice = person("alice");
        String bob = person("bob");
        String aliceHook = receiver.hook("alice");
        String bobHook = receiver.hook("bob");
        registerWebhook(alice, aliceHook);
        registerWebhook(bob, bobHook);
        CloudEvent breach = breached(ticketId, SlaClockKind.FIRST_RESPONSE);

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", alice, bob));
            kafka.send(Topics.SLA_EVENTS, breach);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId))
                    .containsExactlyInAnyOrder("DELIVERED", "DELIVERED"));
            JsonPath pages = pages(ticketId);
            assertThat(pages.getList("attempts.collect { it.size() }", Integer.class)).containsExactly(1, 1);
            assertThat(pages.getList("attempts.flatten().statusCode", Integer.class)).containsExactly(200, 200);
            assertThat(pages.getList("cause", String.class)).containsOnly("SLA_BREACHED:FIRST_RESPONSE");

            SlaBreached breachData = breach.payload(SlaBreached.class);
            for (String responder : List.of(alice, bob)) {
                String hook = responder.equals(alice) ? aliceHook : bobHook;
                String pageId = pages.getString("find { it.responderId == '" + responder + "' }.id");
                List<WebhookReceiver.Hook> requests = receiver.requests(hook);
                assertThat(requests).hasSize(1);
                assertThat(requests.get(0).method()).isEqualTo("POST");
                assertThat(requests.get(0).contentType()).startsWith("application/json");
                WebhookReceiver.Hook body = requests.get(0);
                assertThat(body.field("pageId")).isEqualTo(pageId);
                assertThat(body.field("ticketId")).isEqualTo(ticketId.toString());
                assertThat(body.field("responderId")).isEqualTo(responder);
                assertThat(body.field("cause")).isEqualTo("SLA_BREACHED:FIRST_RESPONSE");
                assertThat(body.field("severity")).isEqualTo("SEV1");
                assertThat(body.field("title")).isEqualTo("SLA breached: first response for ticket " + ticketId);
                assertThat(Instant.parse(body.field("causedAt"))).isEqualTo(breachData.breachedAt());
                assertThat(body.field("ackUrl")).endsWith("/api/v1/pages/" + pageId + "/ack");
            }

            await().atMost(PATIENCE).untilAsserted(() -> {
                var records = kafka.readAll(Topics.PAGE_EVENTS).stream()
                        .filter(r -> ticketId.toString().equals(r.key())).toList();
                assertThat(records).hasSize(2);
                assertThat(records).allSatisfy(r -> assertThat(KafkaTestClient.header(r, "ce_type"))
                        .isEqualTo(EventTypes.PAGE_DELIVERED));
                List<PageDelivered> delivered = records.stream()
                        .map(r -> CloudEvent.from(r.headers(), r.value()).payload(PageDelivered.class)).toList();
                assertThat(delivered).extracting(PageDelivered::responderId).containsExactlyInAnyOrder(alice, bob);
                assertThat(delivered).allSatisfy(d -> {
                    assertThat(d.channel()).isEqualTo("WEBHOOK");
                    assertThat(d.attempt()).isEqualTo(1);
                    assertThat(d.cause()).isEqualTo("SLA_BREACHED:FIRST_RESPONSE");
                });
            });
        }
    }

    @Test
    void shouldPageExactlyThePeopleAnEscalationLevelNamesOnceEachAndMakeThemTheResponders() {
        UUID ticketId = UUID.randomUUID();
        String erin = person("erin");
        String frank = person("frank");
        String gina = person("gina");
        String erinHook = receiver.hook("erin");
        String frankHook = receiver.hook("frank");
        String ginaHook = receiver.hook("gina");
        registerWebhook(erin, erinHook);
        registerWebhook(frank, frankHook);
        registerWebhook(gina, ginaHook);
        CloudEvent level1 = CloudEvent.of("/test", new PageRequested(ticketId, Tier.L2, "core", "core-default",
                Severity.SEV1, 1, 0,
                "SEV_AT_ONCE", "L2/r0/l1/SEV_AT_ONCE/0", List.of(new Responder(erin, erin)), "SEV1 pages at once",
                Instant.now()), Instant.now());

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "core", erin, frank));
            kafka.send(Topics.ESCALATION_EVENTS, level1);
            kafka.send(Topics.ESCALATION_EVENTS, level1);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId)).containsExactly("DELIVERED"));
            assertThat(receiver.requests(erinHook)).hasSize(1);
            assertThat(receiver.requests(erinHook).get(0).field("title"))
                    .isEqualTo("Escalation L2 level 1: sev at once for ticket " + ticketId);
            assertThat(receiver.requests(erinHook).get(0).field("severity")).isEqualTo("SEV1");
            assertThat(receiver.requests(frankHook)).isEmpty();

            // level 2 pages its own people, who then stand for the ticket: a breach pages them, not level 1's
            kafka.send(Topics.ESCALATION_EVENTS, CloudEvent.of("/test", new PageRequested(ticketId, Tier.L2, "core",
                    "core-default", Severity.SEV1, 2, 0, "CLIMB", "L2/r0/l2/CLIMB/0", List.of(new Responder(gina, gina)),
                    "nobody acknowledged level 1", Instant.now()), Instant.now()));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.requests(ginaHook)).hasSize(1));
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.requests(ginaHook)).hasSize(2));
        }
        assertThat(receiver.requests(erinHook)).hasSize(1);
        assertThat(receiver.requests(frankHook)).isEmpty();
        assertThat(pages(ticketId).getList("cause", String.class)).containsExactlyInAnyOrder(
                "ESCALATION:L2/r0/l1/SEV_AT_ONCE/0", "ESCALATION:L2/r0/l2/CLIMB/0", "SLA_BREACHED:FIRST_RESPONSE");
    }

    @Test
    void shouldPageOnceRoutingArrivesWhenTheBreachCameFirst() {
        UUID ticketId = UUID.randomUUID();
        String carol = person("carol");
        String hook = receiver.hook("carol");
        registerWebhook(carol, hook);

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.RESOLUTION));
            await().atMost(PATIENCE).until(() -> causesRecorded(ticketId) == 1);
            assertThat(pages(ticketId).getList("$")).isEmpty();

            // no team in this routing: the responders still count
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, null, carol));
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId)).containsExactly("DELIVERED"));
        assertThat(receiver.requests(hook)).hasSize(1);
        assertThat(receiver.requests(hook).get(0).field("title"))
                .isEqualTo("SLA breached: resolution for ticket " + ticketId);
    }

    @Test
    void shouldHandTheTicketsPagesToTheNewTiersOnCallWhenItsTierChanges() {
        UUID ticketId = UUID.randomUUID();
        String alice = person("alice");
        String dave = person("dave");
        String aliceHook = receiver.hook("alice");
        String daveHook = receiver.hook("dave");
        registerWebhook(alice, aliceHook);
        registerWebhook(dave, daveHook);

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "core", alice));
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId)).containsExactly("DELIVERED"));

            kafka.send(Topics.ESCALATION_EVENTS, CloudEvent.of("/test", new TicketTierChanged(ticketId, Tier.L2,
                    Tier.L3, "engineering", "a defect", UUID.randomUUID(), List.of(new Responder(dave, dave)),
                    Instant.now()), Instant.now()));
            // the new tier's on-call engineer is paged for what is already wrong
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.requests(daveHook)).hasSize(1));

            // and only they for what goes wrong next
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.RESOLUTION));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.requests(daveHook)).hasSize(2));
        }
        assertThat(receiver.requests(aliceHook)).hasSize(1);
        assertThat(pages(ticketId).getList("responderId", String.class)).containsExactlyInAnyOrder(alice, dave, dave);
    }

    @Test
    void shouldNeverPageTwiceForARedeliveredOrRepeatedBreach() {
        UUID ticketId = UUID.randomUUID();
        String dave = person("dave");
        String erin = person("erin");
        String daveHook = receiver.hook("dave");
        String erinHook = receiver.hook("erin");
        registerWebhook(dave, daveHook);
        registerWebhook(erin, erinHook);
        CloudEvent breach = breached(ticketId, SlaClockKind.FIRST_RESPONSE);

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", dave, erin));
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", dave, erin));
            kafka.send(Topics.SLA_EVENTS, breach);
            kafka.send(Topics.SLA_EVENTS, breach);
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));
            // same ticket, same partition: once this one has paged, the ones before it have been applied
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.NEXT_UPDATE));
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId))
                .containsExactly("DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED"));
        JsonPath pages = pages(ticketId);
        assertThat(pages.getList("findAll { it.cause == 'SLA_BREACHED:FIRST_RESPONSE' }.responderId", String.class))
                .containsExactlyInAnyOrder(dave, erin);
        assertThat(pages.getList("findAll { it.cause == 'SLA_BREACHED:NEXT_UPDATE' }.responderId", String.class))
                .containsExactlyInAnyOrder(dave, erin);
        assertThat(receiver.requests(daveHook)).extracting(r -> r.field("cause"))
                .containsExactlyInAnyOrder("SLA_BREACHED:FIRST_RESPONSE", "SLA_BREACHED:NEXT_UPDATE");
        assertThat(receiver.requests(erinHook)).extracting(r -> r.field("cause"))
                .containsExactlyInAnyOrder("SLA_BREACHED:FIRST_RESPONSE", "SLA_BREACHED:NEXT_UPDATE");
    }

    @Test
    void shouldRetryAFailingWebhookThenFailThePage() {
        UUID ticketId = UUID.randomUUID();
        String frank = person("frank");
        String hook = receiver.hook("frank", 500);
        registerWebhook(frank, hook);

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", frank));
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId)).containsExactly("FAILED"));
            JsonPath page = pages(ticketId);
            assertThat(page.getList("[0].attempts.attempt", Integer.class))
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, maxAttempts).boxed().toList());
            assertThat(page.getList("[0].attempts.statusCode", Integer.class)).containsOnly(500);
            assertThat(page.getString("[0].failureReason")).isEqualTo("HTTP 500");
            assertThat(receiver.requests(hook)).hasSize(maxAttempts);

            await().atMost(PATIENCE).untilAsserted(() -> {
                List<CloudEvent> failed = kafka.events(Topics.PAGE_EVENTS,
                        e -> e.subject().equals(ticketId.toString()) && e.type().equals(EventTypes.PAGE_FAILED));
                assertThat(failed).hasSize(1);
                PageFailed payload = failed.get(0).payload(PageFailed.class);
                assertThat(payload.responderId()).isEqualTo(frank);
                assertThat(payload.attempts()).isEqualTo(maxAttempts);
                assertThat(payload.reason()).isEqualTo("HTTP 500");
            });
        }
    }

    @Test
    void shouldFallBackToThePersonsNextWebhookWhenTheFirstIsUnreachable() throws Exception {
        UUID ticketId = UUID.randomUUID();
        String olivia = person("olivia");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort + "/hook";
        String hook = receiver.hook("olivia");
        registerWebhook(olivia, unreachable);
        registerWebhook(olivia, hook);

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", olivia));
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId)).containsExactly("DELIVERED"));
        JsonPath page = pages(ticketId);
        assertThat(page.getList("[0].attempts.attempt", Integer.class)).containsExactly(1, 1);
        assertThat(page.getList("[0].attempts.address", String.class))
                .containsExactly(WebhookAddresses.redacted(unreachable), WebhookAddresses.redacted(hook));
        assertThat(page.prettify()).doesNotContain(hook);
        assertThat(page.getString("[0].attempts[0].statusCode")).isNull();
        assertThat(page.getString("[0].attempts[0].error")).isNotBlank();
        assertThat(page.getInt("[0].attempts[1].statusCode")).isEqualTo(200);
        assertThat(receiver.requests(hook)).hasSize(1);
    }

    @Test
    void shouldFailAPageAtOnceWhenThePersonHasNoContactMethod() {
        UUID ticketId = UUID.randomUUID();
        String ghost = person("ghost");

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", ghost));
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId)).containsExactly("FAILED"));
            assertThat(pages(ticketId).getString("[0].failureReason")).isEqualTo("no contact method");
            assertThat(pages(ticketId).getList("[0].attempts")).isEmpty();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(kafka.events(Topics.PAGE_EVENTS,
                            e -> e.subject().equals(ticketId.toString()) && e.type().equals(EventTypes.PAGE_FAILED)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.payload(PageFailed.class).reason()).isEqualTo("no contact method")));
        }
    }

    @Test
    void shouldDeadLetterPoisonRecordsAndKeepConsuming() {
        String run = UUID.randomUUID().toString();
        UUID ticketId = UUID.randomUUID();
        String grace = person("grace");
        String hook = receiver.hook("grace");
        registerWebhook(grace, hook);
        CloudEvent valid = breached(ticketId, SlaClockKind.FIRST_RESPONSE);
        CloudEvent unknownType = new CloudEvent(UUID.randomUUID(), "tierline.sla.exploded", "/test",
                ticketId.toString(), Instant.now(), valid.data());
        CloudEvent invalidJson = new CloudEvent(UUID.randomUUID(), EventTypes.SLA_BREACHED, "/test",
                ticketId.toString(), Instant.now(), "{\"ticketId\": not json");

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", grace));
            kafka.send(Topics.SLA_EVENTS, run + "-no-headers",
                    List.of(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8))),
                    valid.data());
            kafka.send(Topics.SLA_EVENTS, run + "-unknown-type", unknownType.headers(), unknownType.data());
            kafka.send(Topics.SLA_EVENTS, run + "-invalid-json", invalidJson.headers(), invalidJson.data());
            kafka.send(Topics.SLA_EVENTS, valid);

            String dlq = Topics.deadLetter("notification-service", Topics.SLA_EVENTS);
            assertThat(dlq).isEqualTo("tierline.notification-service.sla-events.dlq");
            await().atMost(PATIENCE).untilAsserted(() -> {
                var dead = kafka.readAll(dlq).stream()
                        .filter(r -> r.key() != null && r.key().startsWith(run)).toList();
                assertThat(dead).extracting(r -> r.key()).containsExactlyInAnyOrder(
                        run + "-no-headers", run + "-unknown-type", run + "-invalid-json");
                assertThat(dead).allSatisfy(r ->
                        assertThat(KafkaTestClient.header(r, "dead-letter-reason")).isNotBlank());
            });
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pageStatuses(ticketId)).containsExactly("DELIVERED"));
        assertThat(receiver.requests(hook)).hasSize(1);
    }

    private static JsonPath pages(UUID ticketId) {
        return given().queryParam("ticketId", ticketId.toString()).get("/api/v1/pages")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> pageStatuses(UUID ticketId) {
        return pages(ticketId).getList("status", String.class);
    }

    private int causesRecorded(UUID ticketId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from page_cause where ticket_id = ?")) {
            statement.setObject(1, ticketId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
