package io.tierline.escalation.policy;

/** The two things a run waits for: the end of a level's delay, or the end of an acknowledgement's timeout. */
public enum TimerKind {
    CLIMB, ACK_TIMEOUT
}
