package io.tierline.escalation.policy;

import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;

/**
 * "An SLA {@code alert} of clock {@code clock} on a ticket at tier {@code from} moves it to tier {@code to}", e.g. a
 * FIRST_RESPONSE warning moves L1 to L2. A WARNING rule fires on a breach too: a breach is a warning that got worse,
 * and the warning may have been missed (announced late, or before the ticket reached this tier).
 */
public record TierMoveRule(SlaClockKind clock, SlaAlert alert, Tier from, Tier to) {

    /** Whether an alert of this clock, on a ticket at this tier, fires the rule. */
    public boolean matches(SlaClockKind alertClock, SlaAlert level, Tier at) {
        return clock == alertClock && from == at && level != null && alert != null && level.reaches(alert);
    }
}
