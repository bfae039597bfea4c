package io.tierline.sla;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The database goes away under a running service (its connections break, new ones are refused) while a ticket is
 * opened: the event waits, well past the few attempts a failing handler gets, and is applied once the database is
 * back. Nothing is dead-lettered.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ShortRetries.class)
@TestSecurity(user = "tester", roles = {"viewer"})
@WithTestResource(value = TierlineInfrastructure.class,
        initArgs = @ResourceArg(name = TierlineInfrastructure.DATABASE_BEHIND_PROXY, value = "true"))
class DatabaseOutageTest {

    /** Retries at most half a second apart, so the test waits out an outage in seconds. */
    public static class ShortRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tierline.platform.consumer.max-retry-backoff", "500ms");
        }
    }

    private static final Pattern RETRIED = Pattern.compile(
            "tierline_events_retried_total\\{channel=\"ticket-events\"[^}]*} ([0-9.]+)");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tierline.platform.consumer.max-attempts")
    int maxAttempts;

    /** The switch of the proxy between this service and its database. */
    AtomicBoolean databaseReachable;

    @AfterEach
    void restore() {
        databaseReachable.set(true);
    }

    private static double retried() {
        Matcher matcher = RETRIED.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static UUID open(KafkaTestClient kafka) {
        UUID ticket = UUID.randomUUID();
        Instant now = Instant.now();
        kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new TicketOpened(ticket, UUID.randomUUID(), "Acme",
                Plan.BUSINESS, Severity.SEV3, "Checkout slow", "api", "dana", now), now));
        return ticket;
    }

    private static void awaitClock(UUID ticket) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/tickets/" + ticket + "/sla").then().statusCode(200)
                        .body("clocks[0].status", equalTo("RUNNING")));
    }

    @Test
    void shouldApplyAnEventThatArrivedWhileTheDatabaseWasDownOnceItIsBack() {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            awaitClock(open(kafka)); // the consumer is up and its connections are in the pool
            double before = retried();

            databaseReachable.set(false);
            UUID ticket = open(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> retried() - before > maxAttempts);
            databaseReachable.set(true);

            awaitClock(ticket);
            assertThat(kafka.readAll(Topics.deadLetter("sla-service", Topics.TICKET_EVENTS)))
                    .noneMatch(r -> ticket.toString().equals(r.key()));
        }
    }
}
