package io.tierline.escalation.policy;

/** Whether a ticket of some severity pages as soon as it is routed, or only once one of its SLA clocks alerts. */
public enum Urgency {
    /** Page level 1 the moment the ticket is routed (or raised to this severity). */
    PAGE_AT_ONCE,
    /** Leave the ticket in the queue; page only when an SLA clock warns or breaches. */
    ON_SLA_ONLY
}
