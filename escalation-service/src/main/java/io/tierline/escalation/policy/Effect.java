package io.tierline.escalation.policy;

import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the caller must do after a transition of an {@link EscalationRun}: send pages, announce responders, schedule
 * or drop timers. The run itself never does I/O, so it can be tested (and replayed) as a pure function.
 */
public sealed interface Effect {

    UUID ticketId();

    /**
     * Page these people. {@code level} and {@code repeat} are 0-based (level 0 is "level 1" of the policy). Every
     * responder here was paged for the first time under its {@link #keys() key}.
     */
    record PageRequested(UUID ticketId, Tier tier, int level, int repeat, Cause cause, int occurrence,
                         List<Responder> responders, Instant at) implements Effect {
        public PageRequested {
            responders = List.copyOf(responders);
        }

        /** The dedup key of each responder's page, in the order of {@link #responders()}. */
        public List<PageKey> keys() {
            return responders.stream()
                    .map(r -> new PageKey(ticketId, r.id(), tier, repeat, level, cause, occurrence))
                    .toList();
        }
    }

    /**
     * The people now answering for the ticket: level 1 of its tier's policy, on start and on every tier move, whether
     * they are paged or not. {@code team} is the first team target of that level, or null when the level names none.
     */
    record RespondersAnnounced(UUID ticketId, Tier tier, String team, List<Responder> responders, Instant at)
            implements Effect {
        public RespondersAnnounced {
            responders = List.copyOf(responders);
        }
    }

    /** The ticket went up from one tier to another; {@code reason} says why in words. */
    record TierMoved(UUID ticketId, Tier from, Tier to, Cause cause, String reason, Instant at) implements Effect {
    }

    /** Call {@link EscalationRun#onTimer} with this kind and instant at that instant (or later). */
    record TimerSet(UUID ticketId, TimerKind kind, Instant at) implements Effect {
    }

    /**
     * The timer set earlier for this kind and instant is no longer wanted. Dropping it is an optimisation only: a
     * timer that fires anyway is stale and changes nothing.
     */
    record TimerCancelled(UUID ticketId, TimerKind kind, Instant at) implements Effect {
    }

    /** Every level of every tier reachable was paged and nobody acknowledged: a person must look at the ticket. */
    record Exhausted(UUID ticketId, Tier tier, Instant at) implements Effect {
    }
}
