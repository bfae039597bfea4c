package io.tierline.escalation.policy;

import io.tierline.contracts.events.Responder;

import java.time.Instant;
import java.util.List;

/**
 * Turns a target into the people it names at an instant. Schedules, rotations and teams live outside the policy
 * engine; the caller supplies this so that the engine stays a pure function of its inputs.
 */
public interface TargetResolver {

    /** The people the target names at that instant, in paging order; empty when nobody is on call. */
    List<Responder> resolve(Target target, Instant at);

    /**
     * Every instant in {@code (from, to]} at which {@link #resolve} may answer differently (handoffs, overrides). Used
     * only to look for gaps in coverage; a resolver that cannot tell answers nothing, and only {@code from} is checked.
     */
    default List<Instant> changesBetween(Target target, Instant from, Instant to) {
        return List.of();
    }
}
