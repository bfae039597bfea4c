package io.tierline.escalation.run;

import io.smallrye.mutiny.Uni;
import io.tierline.platform.timer.FiredTimer;
import io.tierline.platform.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The escalation's durable timers: a level's delay ran out (climb) or an acknowledged ticket went quiet too long (ack
 * timeout). Due while the service was down, they fire at its start; the run acts only on the step it waits for, so a
 * timer fired twice, or one for a step overtaken by an acknowledgement, does nothing.
 */
@ApplicationScoped
public class EscalationTimers implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(EscalationTimers.class);

    private final EscalationRuns runs;

    EscalationTimers(EscalationRuns runs) {
        this.runs = runs;
    }

    @Override
    public String kind() {
        return EscalationRuns.TIMER_KIND;
    }

    @Override
    public Uni<Void> fire(FiredTimer timer) {
        EscalationRuns.TimerStep step = EscalationRuns.timerStep(timer.key()).orElse(null);
        if (step == null) {
            LOG.errorf("An escalation timer with a key of another shape (%s); dropping it", timer.key());
            return Uni.createFrom().voidItem();
        }
        if (timer.late()) {
            LOG.infof("Escalation step %s of ticket %s fires %s late", step.kind(), step.ticketId(), timer.lateness());
        }
        return runs.step(step.ticketId(), (run, loaded) -> run.onTimer(step.kind(), step.at(), loaded, loaded))
                .replaceWithVoid();
    }
}
