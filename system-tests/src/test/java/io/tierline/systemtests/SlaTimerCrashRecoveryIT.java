package io.tierline.systemtests;

import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.SlaBreached;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.tierline.systemtests.Scenarios.awaitFirstResponseClock;
import static io.tierline.systemtests.Scenarios.awaitPagesDelivered;
import static io.tierline.systemtests.Scenarios.instant;
import static io.tierline.systemtests.Scenarios.openEnterpriseSev1;
import static io.tierline.systemtests.TierlineSystem.ON_CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * SLA timers are durable: a deadline that passes while sla-service is down is announced when it comes back, once,
 * marked late. In a class of its own because it crashes a service.
 */
class SlaTimerCrashRecoveryIT {

    @RegisterExtension
    static final TierlineSystemExtension tierline = new TierlineSystemExtension();

    @Test
    void shouldAnnounceBreachOnceAndLateWhenSlaServiceWasDownAtDeadline() {
        TierlineSystem system = tierline.system();
        ServiceProcess sla = system.service(TierlineSystem.SLA);
        String ticketId = openEnterpriseSev1(system, "Payments time out");

        Instant dueAt = instant(awaitFirstResponseClock(system, ticketId, "RUNNING"), "dueAt");
        sla.kill();
        Instant downUntil = dueAt.plusSeconds(2);
        await("deadline " + dueAt + " + 2 s passed while sla-service is down").atMost(Duration.ofSeconds(20))
                .until(() -> Instant.now().isAfter(downUntil));
        assertThat(system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_BREACHED))
                .as("breach while sla-service was down").isEmpty();

        sla.restart(TierlineSystem.READY_TIMEOUT);

        SlaBreached breach = await("late sla.breached for " + ticketId)
                .until(() -> system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_BREACHED), e -> !e.isEmpty())
                .get(0).payload(SlaBreached.class);
        assertThat(breach.late()).as("announced after a downtime").isTrue();
        assertThat(breach.breachedAt()).as("breachedAt is still the deadline")
                .isCloseTo(dueAt, within(1, ChronoUnit.SECONDS));
        assertThat(breach.announcedAt()).isAfter(downUntil);

        await("exactly one sla.breached for " + ticketId).during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> system.events(Topics.SLA_EVENTS, ticketId, EventTypes.SLA_BREACHED).size() == 1);
        awaitPagesDelivered(system, ticketId, ON_CALL);
        Map<String, Object> clock = system.api().firstResponseClock(ticketId).orElseThrow();
        assertThat(clock.get("status")).isEqualTo("BREACHED");
        assertThat(clock.get("late")).isEqualTo(true);
    }
}
