package io.tierline.escalation.policy;

import io.tierline.contracts.Tier;

import java.util.Optional;

/** The escalation policy of each tier: what a run needs to carry a ticket up a tier. */
@FunctionalInterface
public interface PolicyLookup {

    /** The tier's policy; empty when the tier has none (a tier move then goes past it). */
    Optional<EscalationPolicy> forTier(Tier tier);
}
