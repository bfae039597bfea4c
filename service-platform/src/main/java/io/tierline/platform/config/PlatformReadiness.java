package io.tierline.platform.config;

import io.tierline.platform.outbox.OutboxRelay;
import io.tierline.platform.timer.TimerPoller;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the outbox relay and the timer poller are running and reaching their database and broker. */
@Readiness
@ApplicationScoped
public class PlatformReadiness implements HealthCheck {

    private final OutboxRelay relay;
    private final TimerPoller timers;

    PlatformReadiness(OutboxRelay relay, TimerPoller timers) {
        this.relay = relay;
        this.timers = timers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tierline-event-relay")
                .status(relay.healthy() && timers.healthy())
                .withData("outboxRelay", relay.healthy())
                .withData("timerPoller", timers.healthy())
                .build();
    }
}
