package io.tierline.escalation.policy;

/** Why a page was requested; part of the dedup key, so every cause pages a person at most once per position. */
public enum Cause {
    /** The ticket was routed with a severity that pages at once. */
    SEV_AT_ONCE,
    /** An SLA clock warned or breached on a ticket that was not paging yet. */
    SLA_ALERT,
    /** Nobody acknowledged within the previous level's delay: the next level is paged. */
    CLIMB,
    /** Nobody acknowledged within the last level's delay: the policy starts over at level 1. */
    REPEAT,
    /** The ticket moved up a tier (policy exhausted, or an SLA rule): that tier's policy starts. */
    TIER_MOVE,
    /** The severity changed to one that pages at once while the ticket was not paging. */
    SEVERITY_RAISED,
    /** Someone asked for the ticket to go up a tier. */
    MANUAL_ESCALATION,
    /** An acknowledged ticket was neither resolved nor updated within the ack timeout: the current level again. */
    ACK_TIMEOUT
}
