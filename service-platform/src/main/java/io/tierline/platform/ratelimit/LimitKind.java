package io.tierline.platform.ratelimit;

/** What a bucket belongs to; each kind has its own configured rate and burst. */
public enum LimitKind {
    /** An authenticated caller without an integration key (the principal name). */
    CALLER,
    /** A caller with an integration key, on any call; the intakes spend it by the severity of what arrives. */
    INTEGRATION_KEY
}
