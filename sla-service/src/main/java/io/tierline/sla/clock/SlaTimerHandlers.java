package io.tierline.sla.clock;

import io.smallrye.mutiny.Uni;
import io.tierline.platform.timer.FiredTimer;
import io.tierline.platform.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** The durable timers of SLA clocks: warning threshold and deadline. */
public final class SlaTimerHandlers {

    @ApplicationScoped
    public static class Warning implements TimerHandler {
        private final SlaClocks clocks;

        Warning(SlaClocks clocks) {
            this.clocks = clocks;
        }

        @Override
        public String kind() {
            return SlaClocks.WARNING_TIMER;
        }

        @Override
        public Uni<Void> fire(FiredTimer timer) {
            return clocks.warningDue(timer);
        }
    }

    @ApplicationScoped
    public static class Breach implements TimerHandler {
        private final SlaClocks clocks;

        Breach(SlaClocks clocks) {
            this.clocks = clocks;
        }

        @Override
        public String kind() {
            return SlaClocks.BREACH_TIMER;
        }

        @Override
        public Uni<Void> fire(FiredTimer timer) {
            return clocks.breachDue(timer);
        }
    }

    private SlaTimerHandlers() {
    }
}
