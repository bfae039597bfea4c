package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.contracts.events.PageRequested;
import io.tierline.contracts.events.PageDelivered;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.SlaWarning;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** What the other services announce about a ticket lands on it: tier and team, and its timeline. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class TimelineConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void shouldBuildTheTimelineFromEveryServicesEventsInOrderAndOnce() {
        String ticketId = TicketApiTest.createTicket(TicketApiTest.createCustomer(Plan.ENTERPRISE), Severity.SEV1);
        UUID ticket = UUID.fromString(ticketId);
        Instant t0 = Instant.now();
        Instant due = t0.plusSeconds(2);
        UUID page = UUID.randomUUID();
        CloudEvent routed = CloudEvent.of("/tierline/escalation-service", new TicketRouted(ticket, Tier.L2, "core",
                "sev1-sev2-to-l2", List.of(new Responder("alice", "alice")), t0), t0.plusMillis(10));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed);
            kafka.send(Topics.ESCALATION_EVENTS, routed);
            kafka.send(Topics.SLA_EVENTS, CloudEvent.of("/tierline/sla-service", new SlaWarning(ticket,
                    SlaClockKind.FIRST_RESPONSE, 50, due, t0.plusSeconds(1), false), t0.plusSeconds(1)));
            kafka.send(Topics.SLA_EVENTS, CloudEvent.of("/tierline/sla-service", new SlaBreached(ticket,
                    SlaClockKind.FIRST_RESPONSE, Severity.SEV1, due, due, due, false), due));
            kafka.send(Topics.PAGE_EVENTS, CloudEvent.of("/tierline/notification-service", new PageDelivered(page,
                    ticket, "alice", "SLA_BREACHED:FIRST_RESPONSE", "WEBHOOK", 1, due.plusMillis(50)),
                    due.plusMillis(50)));
            // poison records between valid ones are parked; the consumer carries on
            kafka.send(Topics.PAGE_EVENTS, ticketId, List.of(), "not an event");
            CloudEvent unknown = new CloudEvent(UUID.randomUUID(), "tierline.page.teleported",
                    "/tierline/notification-service", ticketId, due, "{}");
            kafka.send(Topics.PAGE_EVENTS, ticketId, unknown.headers(), unknown.data());
            CloudEvent broken = new CloudEvent(UUID.randomUUID(), EventTypes.PAGE_ACKNOWLEDGED,
                    "/tierline/notification-service", ticketId, due, "x");
            kafka.send(Topics.PAGE_EVENTS, ticketId, broken.headers(), "{\"pageId\": not json");
            kafka.send(Topics.PAGE_EVENTS, CloudEvent.of("/tierline/notification-service", new PageAcknowledged(page,
                    ticket, "alice", "SLA_BREACHED:FIRST_RESPONSE", "alice", due.plusSeconds(5)),
                    due.plusSeconds(5)));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().get("/api/v1/tickets/" + ticketId + "/timeline").then().statusCode(200)
                            .body("type", equalTo(List.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_ROUTED,
                                    EventTypes.SLA_WARNING, EventTypes.SLA_BREACHED, EventTypes.PAGE_DELIVERED,
                                    EventTypes.PAGE_ACKNOWLEDGED))));
            given().get("/api/v1/tickets/" + ticketId).then()
                    .body("tier", equalTo("L2"))
                    .body("team", equalTo("core"));
            given().get("/api/v1/tickets/" + ticketId + "/timeline").then()
                    .body("[1].summary", equalTo("Routed to L2 team core (rule sev1-sev2-to-l2); on call: alice"))
                    .body("[1].data.tier", equalTo("L2"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    kafka.readAll(Topics.deadLetter("ticket-service", Topics.PAGE_EVENTS)).stream()
                            .filter(r -> ticketId.equals(r.key()))
                            .map(r -> KafkaTestClient.header(r, "dead-letter-reason")))
                    .hasSize(3)
                    .anySatisfy(reason -> assertThat(reason).contains("missing header"))
                    .anySatisfy(reason -> assertThat(reason).contains("unknown ce_type"))
                    .anySatisfy(reason -> assertThat(reason).contains("not a valid PageAcknowledged")));
        }
    }

    @Test
    void shouldLinkTheRunbookTheRoutingRuleNamesAndShowThePageRequest() {
        String ticketId = TicketApiTest.createTicket(TicketApiTest.createCustomer(Plan.ENTERPRISE), Severity.SEV1);
        UUID ticket = UUID.fromString(ticketId);
        String runbook = given().contentType("application/json").body("""
                        {"kind":"RUNBOOK","title":"Checkout outage runbook","body":"1. check the payment gateway",
                         "status":"PUBLISHED"}""")
                .post("/api/v1/articles").then().statusCode(201).extract().path("id");
        Instant t0 = Instant.now();
        CloudEvent routed = CloudEvent.of("/tierline/escalation-service", new TicketRouted(ticket, Tier.L2, "core",
                "checkout", List.of(new Responder("alice", "alice")), t0, "core-default", UUID.fromString(runbook)),
                t0);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.ESCALATION_EVENTS, routed);
            kafka.send(Topics.ESCALATION_EVENTS, CloudEvent.of("/tierline/escalation-service", new PageRequested(
                    ticket, Tier.L2, "core", "core-default", Severity.SEV1, 1, 0, "SEV_AT_ONCE", "L2/r0/l1/SEV_AT_ONCE/0",
                    List.of(new Responder("alice", "alice")), "SEV1 pages at once", t0), t0));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/tickets/" + ticketId
                        + "/articles").then().statusCode(200)
                .body("linked.articleId", equalTo(List.of(runbook)))
                .body("linked[0].linkedBy", equalTo("routing rule checkout")));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/tickets/" + ticketId
                + "/timeline").then().body("summary", org.hamcrest.Matchers.hasItem(
                "Paging alice (L2, level 1, sev at once): SEV1 pages at once")));
    }
}
