package io.tierline.escalation.schedule;

import java.time.Instant;

/**
 * Who is on call at an instant: {@code person}, put there by the layer named {@code source} or by an override
 * ({@link #OVERRIDE}), during the final shift [shiftStart, shiftEnd) — the one {@link Schedule#shifts} lists around
 * that instant, so it may span several layers' pieces of the same person. {@code source} is what holds at the asked
 * instant. The shift is looked for at most {@link Schedule#MAX_RANGE} either side of the instant, so a person on call
 * for longer than that is reported with the shift cut there.
 */
public record OnCall(String person, String source, Instant shiftStart, Instant shiftEnd) {

    /** The {@link #source} of an override. */
    public static final String OVERRIDE = "override";
}
