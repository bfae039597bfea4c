package io.tierline.notification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.PageDelivered;
import io.tierline.notification.delivery.PageTimers;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.WebhookReceiver;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.notification.Fixtures.breached;
import static io.tierline.notification.Fixtures.person;
import static io.tierline.notification.Fixtures.registerWebhook;
import static io.tierline.notification.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A page's request is sent outside any transaction, under a lease: with a single timer worker, a receiver that keeps
 * its answer waiting holds up no other page, no row and no ack; and a round whose lease ran out without an answer
 * recorded is sent again and delivers the page once, however late the first answer comes.
 */
@QuarkusTest
@TestProfile(PageDeliveryProtocolTest.OneTimerWorker.class)
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class PageDeliveryProtocolTest {

    /**
     * One timer worker, so a timer handler waiting for a receiver would stop every other page; requests time out
     * only after the test has let them answer; a clock the test moves on.
     */
    public static class OneTimerWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tierline.platform.timers.concurrency", "1",
                    "tierline.notification.delivery.timeout", "30s",
                    "tierline.notification.delivery.lease-margin", "1s");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(AdjustableClock.class);
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tierline.notification.delivery.timeout")
    Duration timeout;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AdjustableClock clock;

    private final WebhookReceiver receiver = WebhookReceiver.shared();

    @Test
    void shouldDeliverOtherPagesAndTakeAcksWhileAReceiverKeepsItsAnswerWaiting() throws Exception {
        UUID slowTicket = UUID.randomUUID();
        UUID quickTicket = UUID.randomUUID();
        String kim = person("kim");
        String lee = person("lee");
        String leeHook = receiver.hook("lee");
        try (HeldReceiver slow = new HeldReceiver(1); KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            registerWebhook(kim, slow.url());
            registerWebhook(lee, leeHook);

            kafka.send(Topics.ESCALATION_EVENTS, routed(slowTicket, "payments", kim));
            kafka.send(Topics.SLA_EVENTS, breached(slowTicket, SlaClockKind.FIRST_RESPONSE));
            await().atMost(PATIENCE).until(() -> slow.requests().size() == 1);
            String kimPage = slow.requests().get(0).pageId;
            assertThat(kimPage).isEqualTo(pageIds(slowTicket).get(0));

            // while kim's receiver keeps the request waiting, the round holds nothing in the database: its timer is
            // the round's lease, due once the answer is overdue, and neither it nor the page is locked
            assertThat(timerDue(kimPage)).isAfterOrEqualTo(clock.instant().plus(timeout).minusSeconds(5));
            assertThat(lockable("select 1 from page where id = ?::uuid for update nowait", kimPage)).isTrue();
            assertThat(lockable("select 1 from timer where kind = '" + PageTimers.KIND
                    + "' and timer_key = ? for update nowait", kimPage)).isTrue();

            // nor the only timer worker: lee's page goes out meanwhile
            kafka.send(Topics.ESCALATION_EVENTS, routed(quickTicket, "payments", lee));
            kafka.send(Topics.SLA_EVENTS, breached(quickTicket, SlaClockKind.FIRST_RESPONSE));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(statuses(quickTicket)).containsExactly("DELIVERED"));
            assertThat(receiver.requests(leeHook)).hasSize(1);
            assertThat(slow.answered()).isZero();
            assertThat(statuses(slowTicket)).containsExactly("PENDING");

            // an ack does not wait for the round either; the answer that comes after it is recorded, nothing more
            given().post("/api/v1/pages/" + kimPage + "/ack").then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"));
            slow.release();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(slowTicket)
                    .getList("[0].attempts.statusCode", Integer.class)).containsExactly(200));
            assertThat(statuses(slowTicket)).containsExactly("ACKNOWLEDGED");
            assertThat(slow.requests()).hasSize(1);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(delivered(kafka, quickTicket)).hasSize(1));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(delivered(kafka, slowTicket)).isEmpty());
        }
    }

    @Test
    void shouldDeliverAPageOnceWhenItsRoundIsSentAgainAfterItsLeaseRanOutWithoutAnAnswer() throws Exception {
        UUID ticketId = UUID.randomUUID();
        String mia = person("mia");
        try (HeldReceiver held = new HeldReceiver(1); KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            registerWebhook(mia, held.url());
            kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", mia));
            kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));
            await().atMost(PATIENCE).until(() -> held.requests().size() == 1);
            String pageId = held.requests().get(0).pageId;
            Instant leaseEnds = timerDue(pageId);

            // the lease runs out with no answer recorded, as when the instance that sent the request died: the
            // round is sent again, with the same page id for the receiver to spot the repeat, and delivers the page
            clock.advance(Duration.between(clock.instant(), leaseEnds).plusSeconds(1));
            await().atMost(PATIENCE).until(() -> held.requests().size() == 2);
            assertThat(held.requests().get(1).pageId).isEqualTo(pageId);
            assertThat(held.requests().get(1).body).isEqualTo(held.requests().get(0).body);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(statuses(ticketId)).containsExactly("DELIVERED"));
            String deliveredAt = pages(ticketId).getString("[0].deliveredAt");

            // the first request answers after all: recorded, and the page stays delivered, announced once
            held.release();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(pages(ticketId)
                    .getList("[0].attempts.statusCode", Integer.class)).containsExactly(200, 200));
            JsonPath page = pages(ticketId);
            assertThat(page.getList("[0].attempts.attempt", Integer.class)).containsExactly(1, 1);
            assertThat(page.getString("[0].status")).isEqualTo("DELIVERED");
            assertThat(page.getString("[0].deliveredAt")).isEqualTo(deliveredAt);
            assertThat(timerDue(pageId)).isNull();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(delivered(kafka, ticketId)).hasSize(1));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(delivered(kafka, ticketId)).hasSize(1));
            assertThat(delivered(kafka, ticketId).get(0).attempt()).isEqualTo(1);
            assertThat(held.requests()).hasSize(2);
        }
    }

    private static JsonPath pages(UUID ticketId) {
        return given().queryParam("ticketId", ticketId.toString()).get("/api/v1/pages")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> statuses(UUID ticketId) {
        return pages(ticketId).getList("status", String.class);
    }

    private static List<String> pageIds(UUID ticketId) {
        return pages(ticketId).getList("id", String.class);
    }

    private static List<PageDelivered> delivered(KafkaTestClient kafka, UUID ticketId) {
        return kafka.events(Topics.PAGE_EVENTS, e -> e.subject().equals(ticketId.toString())
                        && e.type().equals(EventTypes.PAGE_DELIVERED)).stream()
                .map(e -> e.payload(PageDelivered.class)).toList();
    }

    /** When the page's delivery timer is due, or null when it has none. */
    private Instant timerDue(String pageId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select due_at from timer where kind = ? and timer_key = ?")) {
            statement.setString(1, PageTimers.KIND);
            statement.setString(2, pageId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        }
    }

    /** Whether the row the query selects could be locked at once, i.e. no transaction holds it. */
    private boolean lockable(String lockingQuery, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(lockingQuery)) {
                statement.setString(1, id);
                try (ResultSet rs = statement.executeQuery()) {
                    assertThat(rs.next()).as("the row to lock exists").isTrue();
                }
                return true;
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
