package io.tierline.escalation.run;

import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.policy.EscalationRun;
import io.tierline.escalation.policy.PageKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An {@link EscalationRun} as it is kept (JSON in {@code ticket_escalation.run}): everything but the policy, which is
 * named by id and read again at each step, so an edited policy applies to running escalations from their next step.
 */
public record RunState(UUID ticketId, Tier tier, String policyId, Severity severity, EscalationRun.Status status,
                       int level, int repeat, EscalationRun.NextStep nextStep, List<EscalationRun.Page> history,
                       EscalationRun.Acknowledgement acknowledgement, int lapses, Set<PageKey> paged,
                       Set<EscalationRun.AlertSeen> alertsSeen, Instant asOf) {

    public static RunState of(EscalationRun run) {
        return new RunState(run.ticketId(), run.tier(), run.policyId(), run.severity(), run.status(), run.level(),
                run.repeat(), run.nextStep().orElse(null), run.history(), run.acknowledgement().orElse(null),
                run.lapses(), run.paged(), run.alertsSeen(), run.asOf());
    }

    /**
     * The run under {@code policy} as it is now; a level or round the edited policy no longer has becomes its last
     * one.
     */
    public EscalationRun restore(EscalationPolicy policy) {
        int lastLevel = policy.levels().size() - 1;
        return new EscalationRun(ticketId, tier, policy, severity, status, Math.min(level, lastLevel),
                Math.min(repeat, policy.repeats()), Optional.ofNullable(nextStep),
                history == null ? List.of() : history, Optional.ofNullable(acknowledgement), lapses,
                paged == null ? Set.of() : paged, alertsSeen == null ? Set.of() : alertsSeen, asOf);
    }
}
