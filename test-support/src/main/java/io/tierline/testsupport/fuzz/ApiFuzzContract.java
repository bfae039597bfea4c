package io.tierline.testsupport.fuzz;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fuzz every service survives. Extend it in a {@code @QuarkusTest} of the service, with
 * {@code @TestProfile(ApiFuzzContract.FreshDatabase.class)} and
 * {@code @WithTestResource(TierlineInfrastructure.class)}; override {@link #fixtures()} to create rows through the
 * API that the fuzz should also meet. See {@link ApiFuzzer} for what is sent and what is asserted.
 */
public abstract class ApiFuzzContract {

    /** Creates resources through the API and answers their ids (or names) by path or query parameter name. */
    protected Map<String, List<String>> fixtures() {
        return Map.of();
    }

    /**
     * A fixture for the services that learn of tickets from Kafka: publishes {@code tierline.ticket.opened} for a new
     * ticket, as ticket-service would, and waits until {@code readPath} (with {@code %s} for the ticket id) finds it.
     */
    protected static UUID openedTicket(String bootstrap, Plan plan, Severity severity, String readPath) {
        UUID ticket = UUID.randomUUID();
        Instant now = Instant.now();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.TICKET_EVENTS, CloudEvent.of("/test", new TicketOpened(ticket, UUID.randomUUID(),
                    "Fuzz Corp", plan, severity, "Fuzzing", "api", "fuzz", now), now));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("viewer"))
                .get(readPath.formatted(ticket)).then().statusCode(200));
        return ticket;
    }

    @Test
    void everyTextListAndMapTheApiTakesShouldBeBounded() {
        assertThat(ApiFuzzer.unboundedInputs()).isEmpty();
    }

    @Test
    void shouldRefuseMalformedAndAdversarialRequestsWithoutServerErrorsOrChangingAnything() {
        FuzzReport report = ApiFuzzer.configured().run(fixtures());

        assertThat(report.operations()).isNotEmpty();
        assertThat(report.passed()).withFailMessage(report::describe).isTrue();
        assertThat(report.operationsNeverPastAuthentication()).withFailMessage(report::describe).isEmpty();
    }

    /**
     * The fuzz's own profile: a distinct profile restarts the application, and {@code TierlineInfrastructure} gives
     * every start a fresh database, so the tables the fuzz compares hold only its fixtures.
     */
    public static class FreshDatabase implements QuarkusTestProfile {
    }
}
