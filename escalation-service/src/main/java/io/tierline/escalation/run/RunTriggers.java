package io.tierline.escalation.run;

import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.escalation.policy.SlaAlert;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What moves a running escalation, in the words of the events that carry it: each is one step of the ticket's run
 * (see {@link io.tierline.escalation.policy.EscalationRun}); {@code false} when the ticket has no run.
 */
@ApplicationScoped
public class RunTriggers {

    private static final Set<String> FINISHED = Set.of("RESOLVED", "CLOSED");

    private final EscalationRuns runs;

    RunTriggers(EscalationRuns runs) {
        this.runs = runs;
    }

    /** A status change: resolving (or closing) the ticket stops its escalation; any other is an update. */
    public Uni<Boolean> statusChanged(UUID ticketId, String to, Instant at) {
        return FINISHED.contains(to)
                ? runs.stepWithinPolicy(ticketId, (run, loaded) -> run.resolve(at))
                : updated(ticketId, at);
    }

    /** Someone worked on the ticket (a reply, an edit, an assignment): an acknowledged ticket's ack timeout restarts. */
    public Uni<Boolean> updated(UUID ticketId, Instant at) {
        return runs.stepWithinPolicy(ticketId, (run, loaded) -> run.updated(at));
    }

    public Uni<Boolean> severityChanged(UUID ticketId, Severity to, Instant at) {
        return runs.step(ticketId, (run, loaded) -> run.severityChanged(to, at, loaded, loaded));
    }

    public Uni<Boolean> slaAlert(UUID ticketId, SlaClockKind clock, SlaAlert alert, Instant at) {
        return runs.step(ticketId, (run, loaded) -> run.slaAlert(clock, alert, at, loaded, loaded));
    }

    public Uni<Boolean> acknowledged(UUID ticketId, String by, Instant at) {
        return runs.stepWithinPolicy(ticketId, (run, loaded) -> run.acknowledge(by, at));
    }

    public Uni<Boolean> escalate(UUID ticketId, Tier to, String reason, Instant at) {
        return runs.step(ticketId, (run, loaded) -> run.escalate(to, reason, at, loaded, loaded));
    }
}
