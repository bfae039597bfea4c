package io.tierline.contracts;

/** The SLA clocks a ticket can run. */
public enum SlaClockKind {
    FIRST_RESPONSE, NEXT_UPDATE, RESOLUTION
}
