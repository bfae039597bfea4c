package io.tierline.platform.ratelimit;

/** What a bucket belongs to; each kind has its own configured rate and burst. */
public enum LimitKind {
    /** An authenticated caller (the principal name); limited by the global filter. */
    CALLER,
    /** An integration key of an intake endpoint; limited by the intake itself, by the ticket's severity. */
    INTEGRATION_KEY
}
