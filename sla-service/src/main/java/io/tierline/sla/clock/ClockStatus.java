package io.tierline.sla.clock;

public enum ClockStatus {
    /** Counting towards its deadline. */
    RUNNING,
    /** Stopped before its deadline (for first response: an agent's public reply). */
    MET,
    /** Its deadline passed while running. */
    BREACHED
}
