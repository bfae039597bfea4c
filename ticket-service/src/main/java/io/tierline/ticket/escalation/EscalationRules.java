package io.tierline.ticket.escalation;

import io.tierline.contracts.Tier;
import io.tierline.contracts.events.ReproductionPackage;
import io.tierline.contracts.events.ReproductionPackage.CustomerImpact;
import io.tierline.ticket.domain.TicketStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a ticket may be handed up a tier, and what an escalation to L3 must carry. Plain Java: the service asks, the
 * answers become problem answers.
 */
public final class EscalationRules {

    /** Why the ticket cannot go to {@code target} from where it is, if it cannot (a 409). */
    public static Optional<String> refusal(TicketStatus status, Tier current, Tier target) {
        if (status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED) {
            return Optional.of("A " + status + " ticket is not escalated; reopen it first");
        }
        if (current != null && target.compareTo(current) <= 0) {
            return Optional.of("The ticket is at " + current + " already; an escalation hands it up to a higher tier"
                    + (current == Tier.L3 ? " and L3 is the highest" : " (" + higher(current) + ")"));
        }
        return Optional.empty();
    }

    /**
     * The parts of a reproduction package an escalation to {@code target} lacks, as field paths of the request
     * ({@code reproduction.steps}, {@code reproduction.impact.since}, ...). Only L3 needs one, complete.
     */
    public static List<String> missing(Tier target, ReproductionPackage reproduction) {
        List<String> missing = new ArrayList<>();
        if (target != Tier.L3) {
            return missing;
        }
        if (reproduction == null) {
            missing.add("reproduction");
            return missing;
        }
        text(reproduction.steps(), "reproduction.steps", missing);
        text(reproduction.environment(), "reproduction.environment", missing);
        text(reproduction.productVersion(), "reproduction.productVersion", missing);
        text(reproduction.expected(), "reproduction.expected", missing);
        text(reproduction.actual(), "reproduction.actual", missing);
        if (reproduction.logReferences() == null || reproduction.logReferences().isEmpty()
                || reproduction.logReferences().stream().anyMatch(r -> r == null || r.isBlank())) {
            missing.add("reproduction.logReferences");
        }
        CustomerImpact impact = reproduction.impact();
        if (impact == null) {
            missing.add("reproduction.impact");
            return missing;
        }
        if (impact.affectedUsers() == null || impact.affectedUsers() < 1) {
            missing.add("reproduction.impact.affectedUsers");
        }
        if (impact.since() == null) {
            missing.add("reproduction.impact.since");
        }
        if (impact.workaround() == null) {
            missing.add("reproduction.impact.workaround");
        } else if (impact.workaround()) {
            text(impact.workaroundDescription(), "reproduction.impact.workaroundDescription", missing);
        }
        return missing;
    }

    private static void text(String value, String field, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(field);
        }
    }

    private static String higher(Tier current) {
        return current == Tier.L1 ? "L2 or L3" : "L3";
    }

    private EscalationRules() {
    }
}
