package io.tierline.systemtests;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.SlaWarning;
import io.tierline.devtokens.DevTokens;
import io.tierline.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.tierline.systemtests.Scenarios.awaitFirstResponseClock;
import static io.tierline.systemtests.Scenarios.awaitPagesDelivered;
import static io.tierline.systemtests.Scenarios.instant;
import static io.restassured.RestAssured.given;
import static io.tierline.systemtests.Scenarios.openEnterpriseSev1;
import static io.tierline.systemtests.TierlineSystem.ESCALATION;
import static io.tierline.systemtests.TierlineSystem.NOTIFICATION;
import static io.tierline.systemtests.TierlineSystem.ON_CALL;
import static io.tierline.systemtests.TierlineSystem.SLA;
import static io.tierline.systemtests.TierlineSystem.TICKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A SEV1 ticket's way through all four services, as the on-call engineers and the customer see it: routing, SLA
 * warning and breach, pages on their phones, acknowledgement on the ticket; and what must not happen when an
 * agent answers in time or when Kafka delivers a breach twice; and that none of it is open to a caller without a
 * valid bearer token.
 */
class EscalationFlowIT {

    @RegisterExtension
    static final TierlineSystemExtension tierline = new TierlineSystemExtension();

    @Test
    void shouldRouteWarnBreachPageOnCallAndShowAcknowledgementOnTicket() {
        TierlineSystem system = tierline.system();
        TierlineApi api = system.api();
        String ticketId = openEnterpriseSev1(system, "Checkout is down for every customer");

        // Routed by escalation-service: the ticket shows its tier and team, the escalation its on-call responders.
        await("ticket routed to L2/core").untilAsserted(() -> {
            JsonPath ticket = api.ticket(ticketId);
            assertThat(ticket.getString("tier")).isEqualTo("L2");
            assertThat(ticket.getString("team")).isEqualTo("core");
        });
        JsonPath escalation = await("escalation state of " + ticketId)
                .until(() -> api.escalation(ticketId).orElse(null), e -> e != null);
        assertThat(escalation.getString("tier")).isEqualTo("L2");
        assertThat(escalation.getString("team")).isEqualTo("core");
        assertThat(TierlineApi.responderIds(escalation)).containsAll(ON_CALL);

        // SLA: warning at 50 % of the 4 s target, then the breach on time.
        SlaWarning warning = await("sla.warning for " + ticketId)
                .until(() -> system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_WARNING), e -> !e.isEmpty())
                .get(0).payload(SlaWarning.class);
        assertThat(warning.thresholdPercent()).isEqualTo(50);
        assertThat(warning.late()).isFalse();
        SlaBreached breach = await("sla.breached for " + ticketId)
                .until(() -> system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_BREACHED), e -> !e.isEmpty())
                .get(0).payload(SlaBreached.class);
        assertThat(breach.late()).as("breach announced on time").isFalse();
        assertThat(breach.breachedAt()).isAfter(warning.warnedAt());

        // Each on-call engineer's phone rings once for this ticket, and the page is recorded as delivered.
        await("a webhook for each of " + ON_CALL).until(() ->
                ON_CALL.stream().allMatch(person -> system.webhooks().count(person, ticketId) >= 1));
        Map<String, Map<String, Object>> pages = awaitPagesDelivered(system, ticketId, ON_CALL);
        await("no second webhook").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                ON_CALL.stream().allMatch(person -> system.webhooks().count(person, ticketId) == 1));

        // Alice acknowledges: the acknowledgement is an event, and the ticket's timeline tells the whole story.
        String alicePage = (String) pages.get("alice").get("id");
        api.acknowledgePage(alicePage, "alice");
        PageAcknowledged acknowledged = await("page.acknowledged for " + ticketId)
                .until(() -> system.events(Topics.PAGE_EVENTS, ticketId, EventTypes.PAGE_ACKNOWLEDGED),
                        e -> !e.isEmpty())
                .get(0).payload(PageAcknowledged.class);
        assertThat(acknowledged.pageId()).hasToString(alicePage);
        assertThat(acknowledged.responderId()).isEqualTo("alice");
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("alice");
        assertThat(api.pages(ticketId, "alice")).singleElement()
                .satisfies(page -> assertThat(page.get("status")).isEqualTo("ACKNOWLEDGED"));

        List<String> types = await("page.acknowledged on the timeline of " + ticketId)
                .until(() -> api.timelineTypes(ticketId), t -> t.contains(EventTypes.PAGE_ACKNOWLEDGED));
        List<String> story = List.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_ROUTED, EventTypes.SLA_WARNING,
                EventTypes.SLA_BREACHED, EventTypes.PAGE_DELIVERED, EventTypes.PAGE_ACKNOWLEDGED);
        assertThat(types.stream().distinct().filter(story::contains).toList())
                .as("first occurrences on the timeline %s", types)
                .containsExactlyElementsOf(story);
    }

    @Test
    void shouldMeetFirstResponseAndPageNobodyWhenAgentRepliesPubliclyBeforeDeadline() {
        TierlineSystem system = tierline.system();
        TierlineApi api = system.api();
        String ticketId = openEnterpriseSev1(system, "Login fails with 502");

        Map<String, Object> running = awaitFirstResponseClock(system, ticketId, "RUNNING");
        Instant dueAt = instant(running, "dueAt");
        Instant repliedAt = Instant.now();
        api.replyPublicly(ticketId, "dana", "We are looking into it right now.");

        Map<String, Object> met = awaitFirstResponseClock(system, ticketId, "MET");
        assertThat(met.get("breachedAt")).isNull();
        await("sla.met for " + ticketId)
                .until(() -> system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_MET), e -> e.size() == 1);

        // Let the deadline pass with a margin: a breach would be announced within a second of it.
        Instant quietUntil = dueAt.plusSeconds(3);
        await("deadline " + dueAt + " + 3 s passed").atMost(Duration.ofSeconds(20))
                .until(() -> Instant.now().isAfter(quietUntil));

        assertThat(system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_WARNING))
                .extracting(e -> e.payload(SlaWarning.class).warnedAt())
                .as("warnings after the reply at %s", repliedAt)
                .noneMatch(warnedAt -> warnedAt.isAfter(repliedAt));
        assertThat(system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_BREACHED)).isEmpty();
        assertThat(api.pages(ticketId)).isEmpty();
        assertThat(system.webhooks().forTicket(ticketId)).isEmpty();
        assertThat(api.firstResponseClock(ticketId)).get()
                .satisfies(clock -> assertThat(clock.get("status")).isEqualTo("MET"));
    }

    @Test
    void shouldPageEachResponderOnceWhenSameBreachIsDeliveredTwice() {
        TierlineSystem system = tierline.system();
        String ticketId = openEnterpriseSev1(system, "Search index is stale");

        ConsumerRecord<String, String> breach = await("sla.breached record for " + ticketId)
                .until(() -> system.records(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_BREACHED), r -> !r.isEmpty())
                .get(0);
        awaitPagesDelivered(system, ticketId, ON_CALL);
        await("a webhook for each of " + ON_CALL).until(() ->
                ON_CALL.stream().allMatch(person -> system.webhooks().count(person, ticketId) == 1));

        // Kafka redelivers: the very same record (same ce_id, key, value) lands on the topic again.
        List<Header> headers = Arrays.asList(breach.headers().toArray());
        system.kafka().send(Topics.SLA_EVENTS, breach.key(), headers, breach.value());
        String ceId = KafkaTestClient.header(breach, "ce_id");
        ConsumerRecord<String, String> duplicate = await("the duplicate on " + Topics.SLA_EVENTS)
                .until(() -> system.records(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_BREACHED), r -> r.size() == 2)
                .get(1);
        assertThat(KafkaTestClient.header(duplicate, "ce_id")).isEqualTo(ceId);
        TopicPartition partition = new TopicPartition(duplicate.topic(), duplicate.partition());
        await("every reader of " + Topics.SLA_EVENTS + " past the duplicate at " + partition + "@" + duplicate.offset())
                .until(() -> system.consumedByEveryGroup(partition, duplicate.offset()));

        await("pages and webhooks settled").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> {
                    Map<Object, Long> pagesPerResponder = system.api().pages(ticketId).stream()
                            .collect(Collectors.groupingBy(p -> p.get("responderId"), Collectors.counting()));
                    assertThat(pagesPerResponder).containsKeys(ON_CALL.toArray())
                            .allSatisfy((responder, count) -> assertThat(count).as("pages of %s", responder)
                                    .isEqualTo(1L));
                    for (String person : ON_CALL) {
                        assertThat(system.webhooks().count(person, ticketId)).as("webhooks to %s", person)
                                .isEqualTo(1);
                    }
                });
        assertThat(system.api().timelineTypes(ticketId))
                .filteredOn(EventTypes.SLA_BREACHED::equals).hasSize(1);
        assertThat(system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_BREACHED))
                .extracting(CloudEvent::id).map(Object::toString).containsOnly(ceId);
    }

    @Test
    void shouldPageOnCallForACriticalPagerDutyAlertAndCountItsRepeatsOnOneTicket() {
        TierlineSystem system = tierline.system();
        TierlineApi api = system.api();
        String customerId = api.createCustomer("Acme Corp", "ENTERPRISE");
        String key = api.createIntegration(customerId, "Prometheus via PagerDuty format");
        String dedupKey = "checkout-5xx-" + UUID.randomUUID();

        assertThat(api.triggerPagerDutyAlert(key, dedupKey, "critical", "Checkout 5xx above 5%")).isEqualTo(dedupKey);
        assertThat(api.triggerPagerDutyAlert(key, dedupKey, "critical", "Checkout 5xx above 5%")).isEqualTo(dedupKey);

        List<Map<String, Object>> tickets = api.tickets(customerId);
        assertThat(tickets).singleElement().satisfies(ticket -> {
            assertThat(ticket.get("source")).isEqualTo("pagerduty");
            assertThat(ticket.get("severity")).isEqualTo("SEV1");
            assertThat(ticket.get("dedupKey")).isEqualTo(dedupKey);
            assertThat(ticket.get("occurrences")).isEqualTo(2);
        });
        String ticketId = (String) tickets.get(0).get("id");

        // the alert's ticket takes the SEV1 path: routed to L2/core, breached, both on-call engineers paged once
        awaitPagesDelivered(system, ticketId, ON_CALL);
        await("one webhook each").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                ON_CALL.stream().allMatch(person -> system.webhooks().count(person, ticketId) == 1));
        assertThat(api.timelineTypes(ticketId)).contains(EventTypes.TICKET_ALERT_UPDATED, EventTypes.TICKET_ROUTED,
                EventTypes.SLA_BREACHED);
    }

    @Test
    void shouldRefuseApiCallsWithoutValidTokenAndKeepHealthOpen() {
        TierlineSystem system = tierline.system();
        // One read of each service; each needs a token (any of viewer, agent, admin).
        Map<String, String> reads = Map.of(
                TICKET, "/api/v1/tickets/" + UUID.randomUUID(),
                ESCALATION, "/api/v1/teams",
                SLA, "/api/v1/sla-policies",
                NOTIFICATION, "/api/v1/pages/" + UUID.randomUUID());
        String foreignToken = DevTokens.generate().issue("admin"); // well formed, signed with a key nobody trusts
        reads.forEach((service, path) -> {
            String base = system.service(service).baseUrl();
            assertThat(given().baseUri(base).get(path).statusCode())
                    .as("%s GET %s without a token", service, path).isEqualTo(401);
            assertThat(given().baseUri(base).header("Authorization", "Bearer " + foreignToken).get(path).statusCode())
                    .as("%s GET %s with a token signed by another key", service, path).isEqualTo(401);
            assertThat(given().baseUri(base).get("/q/health/ready").statusCode())
                    .as("%s /q/health/ready without a token", service).isEqualTo(200);
        });

        // A write without a token is refused too; a valid token without the role is forbidden.
        String ticketService = system.service(TICKET).baseUrl();
        Map<String, String> customer = Map.of("name", "Nobody Inc", "plan", "ENTERPRISE");
        assertThat(given().baseUri(ticketService).contentType(ContentType.JSON).body(customer)
                .post("/api/v1/customers").statusCode()).as("POST customer without a token").isEqualTo(401);
        assertThat(given().baseUri(ticketService).contentType(ContentType.JSON).body(customer)
                .header("Authorization", "Bearer " + TierlineSystem.tokens().issue("viewer"))
                .post("/api/v1/customers").statusCode()).as("POST customer as a viewer").isEqualTo(403);
    }
}
