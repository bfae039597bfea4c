package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.contracts.events.PageRequested;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.SlaWarning;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.escalation.policy.TimerKind;
import io.tierline.escalation.run.EscalationRuns;
import io.tierline.escalation.run.EscalationTimers;
import io.tierline.platform.timer.FiredTimer;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Escalation on a real broker and database: a routed SEV1 pages whoever the schedule has on call, climbs the levels
 * while nobody acknowledges, stops at an acknowledgement, moves up a tier on an SLA warning, and pages nobody twice.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class EscalationFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EscalationTimers timers;

    KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A schedule with one person on call around the clock. */
    private static String schedule(String person) {
        return given().contentType(ContentType.JSON).body("""
                        {"name":"%s","timeZone":"Europe/Berlin","layers":[{"name":"24x7","rotation":{
                         "participants":["%s"],"shiftLength":{"amount":1,"unit":"DAYS"},"start":"2026-01-01T09:00"}}]}"""
                        .formatted(unique("round the clock"), person))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
    }

    private static void policy(String id, String body) {
        given().contentType(ContentType.JSON).body(body.formatted(id)).post("/api/v1/escalation-policies")
                .then().statusCode(201);
    }

    private static void team(String id, Tier tier, String policyId) {
        int status = given().contentType(ContentType.JSON).body("""
                        {"id":"%s","name":"%s","tier":"%s","members":[],"escalationPolicyId":"%s"}"""
                        .formatted(id, id, tier, policyId))
                .post("/api/v1/teams").then().extract().statusCode();
        assertThat(status).isIn(201, 409);
    }

    /** A rule at the top that sends the customer's tickets to the team. */
    private static void rule(UUID customer, Tier tier, String team) {
        given().contentType(ContentType.JSON).body("""
                        {"name":"%s","position":1,"conditions":{"customers":["%s"]},
                         "action":{"tier":"%s","team":"%s"}}""".formatted(unique("customer"), customer, tier, team))
                .post("/api/v1/routing-rules").then().statusCode(201);
    }

    /** A new customer whose tickets a rule at the top routes to a new team of the tier, escalating by the policy. */
    private static UUID customerRoutedTo(String team, Tier tier, String policyId) {
        team(team, tier, policyId);
        UUID customer = UUID.randomUUID();
        rule(customer, tier, team);
        return customer;
    }

    private static TicketOpened opened(UUID customer, Severity severity) {
        return new TicketOpened(UUID.randomUUID(), customer, "Acme Corp", Plan.ENTERPRISE, severity,
                "Checkout is down", "api", "dana", Instant.now());
    }

    private List<PageRequested> pages(UUID ticketId) {
        return kafka.events(Topics.ESCALATION_EVENTS, e -> e.subject().equals(ticketId.toString())
                        && e.type().equals(EventTypes.PAGE_REQUESTED))
                .stream().map(e -> e.payload(PageRequested.class)).toList();
    }

    @Test
    void shouldPageTheOnCallPersonAtOnceClimbWhileNobodyAcknowledgesAndStopAtTheAcknowledgement() {
        String oncall = unique("oncall");
        String lead = unique("lead");
        String policy = unique("sev-policy");
        policy(policy, """
                {"id":"%s","name":"Payments","levels":[
                  {"targets":[{"type":"schedule","id":"SCHEDULE"}],"delay":"PT5S"},
                  {"targets":[{"type":"person","id":"LEAD"}],"delay":"PT5S"}],"repeats":0}"""
                .replace("SCHEDULE", schedule(oncall)).replace("LEAD", lead));
        String team = unique("payments");
        UUID customer = customerRoutedTo(team, Tier.L2, policy);

        TicketOpened opened = opened(customer, Severity.SEV1);
        CloudEvent event = CloudEvent.of("/test", opened, Instant.now());
        kafka.send(Topics.TICKET_EVENTS, event);
        kafka.send(Topics.TICKET_EVENTS, event); // redelivered: starts nothing twice

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(opened.ticketId())).singleElement()
                .satisfies(page -> {
                    assertThat(page.level()).isEqualTo(1);
                    assertThat(page.cause()).isEqualTo("SEV_AT_ONCE");
                    assertThat(page.responders()).extracting(Responder::id).containsExactly(oncall);
                    assertThat(page.tier()).isEqualTo(Tier.L2);
                    assertThat(page.team()).isEqualTo(team);
                }));
        TicketRouted routed = kafka.events(Topics.ESCALATION_EVENTS, e -> e.subject().equals(
                        opened.ticketId().toString()) && e.type().equals(EventTypes.TICKET_ROUTED))
                .get(0).payload(TicketRouted.class);
        assertThat(routed.responders()).extracting(Responder::id).containsExactly(oncall);
        assertThat(routed.escalationPolicyId()).isEqualTo(policy);

        // nobody acknowledges within level 1's delay: level 2 is paged
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(2));
        PageRequested climb = pages(opened.ticketId()).get(1);
        assertThat(climb.level()).isEqualTo(2);
        assertThat(climb.cause()).isEqualTo("CLIMB");
        assertThat(climb.responders()).extracting(Responder::id).containsExactly(lead);

        kafka.send(Topics.PAGE_EVENTS, CloudEvent.of("/test", new PageAcknowledged(UUID.randomUUID(),
                opened.ticketId(), lead, "ESCALATION:" + climb.pageKey(), lead, Instant.now()), Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/escalations/" + opened.ticketId())
                .then().statusCode(200)
                .body("policy.status", equalTo("ACKNOWLEDGED"))
                .body("policy.acknowledgedBy.by", equalTo(lead))
                .body("policy.level", equalTo(2))
                .body("policy.pages.size()", equalTo(2)));
        // level 2's delay passes: the acknowledgement stopped the climb (the policy would start over otherwise)
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(2));
    }

    @Test
    void shouldTakeAClimbOnceThoughItsTimerFiresTwice() throws Throwable {
        String oncall = unique("oncall");
        String lead = unique("lead");
        String policy = unique("twice-policy");
        policy(policy, """
                {"id":"%s","name":"Twice","levels":[
                  {"targets":[{"type":"person","id":"ONCALL"}],"delay":"PT1H"},
                  {"targets":[{"type":"person","id":"LEAD"}],"delay":"PT1H"}],"repeats":0}"""
                .replace("ONCALL", oncall).replace("LEAD", lead));
        String team = unique("twice");
        UUID customer = customerRoutedTo(team, Tier.L2, policy);
        TicketOpened opened = opened(customer, Severity.SEV2);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(1));

        // the service restarted in the middle of the delay and its timer fires late, then once more
        Instant due = Instant.parse(given().get("/api/v1/escalations/" + opened.ticketId())
                .then().statusCode(200).extract().path("policy.next.at"));
        String key = EscalationRuns.timerKey(opened.ticketId(), TimerKind.CLIMB, due);
        FiredTimer fired = new FiredTimer(EscalationRuns.TIMER_KIND, key, due, null, Instant.now(), true);
        VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache
                .withTransaction(() -> timers.fire(fired)));
        VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache
                .withTransaction(() -> timers.fire(fired)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(2));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(2));
        assertThat(pages(opened.ticketId()).get(1).responders()).extracting(Responder::id).containsExactly(lead);

        // resolving the ticket ends the escalation
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new TicketStatusChanged(opened.ticketId(), "OPEN",
                "RESOLVED", "dana", null, "fixed", false, Instant.now()), Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/escalations/" + opened.ticketId())
                .then().body("policy.status", equalTo("RESOLVED")));
    }

    @Test
    void shouldPageTheCurrentLevelAgainWhenAnAcknowledgedTicketGoesQuietPastItsAckTimeout() {
        String oncall = unique("oncall");
        String policy = unique("ack-timeout");
        policy(policy, """
                {"id":"%s","name":"Ack timeout","levels":[{"targets":[{"type":"person","id":"ONCALL"}],"delay":"PT1H"}],
                 "repeats":0,"ackTimeouts":{"SEV1":"PT3S"}}""".replace("ONCALL", oncall));
        String team = unique("acks");
        UUID customer = customerRoutedTo(team, Tier.L2, policy);
        TicketOpened opened = opened(customer, Severity.SEV1);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(1));

        kafka.send(Topics.PAGE_EVENTS, CloudEvent.of("/test", new PageAcknowledged(UUID.randomUUID(),
                opened.ticketId(), oncall, "ESCALATION:" + pages(opened.ticketId()).get(0).pageKey(), oncall,
                Instant.now()), Instant.now()));

        // acknowledged, then neither updated nor resolved: the same level is paged again, as PagerDuty does
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(2));
        PageRequested again = pages(opened.ticketId()).get(1);
        assertThat(again.cause()).isEqualTo("ACK_TIMEOUT");
        assertThat(again.level()).isEqualTo(1);
        assertThat(again.responders()).extracting(Responder::id).containsExactly(oncall);
    }

    @Test
    void shouldClimbToTheNextTierWhenNobodyAcknowledgesAnyLevel() {
        ensureL2();
        String l1policy = unique("l1-climb");
        policy(l1policy, """
                {"id":"%s","name":"L1 climb","levels":[{"targets":[{"type":"person","id":"yan-l1"}],"delay":"PT5S"}],
                 "repeats":0}""");
        String l1team = unique("frontline");
        UUID customer = customerRoutedTo(l1team, Tier.L1, l1policy);

        TicketOpened opened = opened(customer, Severity.SEV1);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));

        // level 1 of L1 at once; nobody acknowledges it in 5 s and the policy has no more: L2's policy takes over
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(opened.ticketId()))
                .extracting(PageRequested::tier, PageRequested::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Tier.L1, "SEV_AT_ONCE"),
                        org.assertj.core.groups.Tuple.tuple(Tier.L2, "TIER_MOVE")));
        assertThat(pages(opened.ticketId()).get(1).responders()).extracting(Responder::id).containsExactly("zoe-l2");
        given().get("/api/v1/escalations/" + opened.ticketId()).then().statusCode(200)
                .body("tier", equalTo("L2")).body("team", equalTo("0-l2-flow"))
                .body("policy.id", equalTo("0-l2-policy-flow")).body("policy.status", equalTo("PAGING"));
    }

    @Test
    void shouldHandAnEscalatingTicketToATierWithoutAPolicyAndEndItsEscalation() {
        RoutingFixtures.ensureDemoRouting(); // L3's team: engineering, without a policy
        String policy = unique("manual");
        policy(policy, """
                {"id":"%s","name":"Manual","levels":[{"targets":[{"type":"person","id":"wes-l2"}],"delay":"PT5S"}],
                 "repeats":0}""");
        String team = unique("manual");
        UUID customer = customerRoutedTo(team, Tier.L2, policy);
        TicketOpened opened = opened(customer, Severity.SEV1);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(1));

        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new io.tierline.contracts.events.TicketEscalationRequested(
                opened.ticketId(), UUID.randomUUID(), Tier.L2, Tier.L3, "a defect", null, "dana", Instant.now()),
                Instant.now()));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/escalations/" + opened.ticketId())
                .then().statusCode(200).body("tier", equalTo("L3"))
                .body("responders.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("wes-l2")))
                .body("policy", org.hamcrest.Matchers.nullValue()));
        // L2's climb is over: its level delay passes and nobody more is paged
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(pages(opened.ticketId())).hasSize(1));
    }

    /** L2's own team (the first of its tier by id), where tickets moved up to L2 go. */
    private static void ensureL2() {
        int status = given().contentType(ContentType.JSON).body("""
                        {"id":"0-l2-policy-flow","name":"L2","levels":[{"targets":[{"type":"person","id":"zoe-l2"}],
                         "delay":"PT1H"}],"repeats":0}""")
                .post("/api/v1/escalation-policies").then().extract().statusCode();
        assertThat(status).isIn(201, 409);
        team("0-l2-flow", Tier.L2, "0-l2-policy-flow");
    }

    @Test
    void shouldMoveAQuietTicketFromL1ToL2WhenItsFirstResponseWarns() {
        // the tiers' own teams: the first team of a tier (by id) is where tickets moved up to it go
        String l2person = "zoe-l2";
        ensureL2();
        String l1policy = unique("l1-policy");
        policy(l1policy, """
                {"id":"%s","name":"L1","levels":[{"targets":[{"type":"person","id":"yan-l1"}],"delay":"PT1H"}],
                 "repeats":0,"tierMoves":[{"clock":"FIRST_RESPONSE","alert":"WARNING","from":"L1","to":"L2"}]}""");
        String l1team = unique("frontline");
        UUID customer = customerRoutedTo(l1team, Tier.L1, l1policy);

        TicketOpened opened = opened(customer, Severity.SEV3);
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", opened, Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/escalations/" + opened.ticketId())
                .then().statusCode(200).body("policy.status", equalTo("IDLE")));
        assertThat(pages(opened.ticketId())).isEmpty(); // a SEV3 does not page at once

        CloudEvent warning = CloudEvent.of("/test", new SlaWarning(opened.ticketId(), SlaClockKind.FIRST_RESPONSE, 75,
                Instant.now().plusSeconds(600), Instant.now(), false), Instant.now());
        kafka.send(Topics.SLA_EVENTS, warning);
        kafka.send(Topics.SLA_EVENTS, warning);

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<TicketTierChanged> moves = kafka.events(Topics.ESCALATION_EVENTS, e -> e.subject().equals(
                            opened.ticketId().toString()) && e.type().equals(EventTypes.TICKET_TIER_CHANGED))
                    .stream().map(e -> e.payload(TicketTierChanged.class)).toList();
            assertThat(moves).singleElement().satisfies(move -> {
                assertThat(move.fromTier()).isEqualTo(Tier.L1);
                assertThat(move.toTier()).isEqualTo(Tier.L2);
                assertThat(move.responders()).extracting(Responder::id).containsExactly(l2person);
            });
            assertThat(pages(opened.ticketId())).singleElement().satisfies(page -> {
                assertThat(page.tier()).isEqualTo(Tier.L2);
                assertThat(page.cause()).isEqualTo("TIER_MOVE");
                assertThat(page.responders()).extracting(Responder::id).containsExactly(l2person);
            });
        });
    }
}
