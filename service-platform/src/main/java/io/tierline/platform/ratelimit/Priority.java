package io.tierline.platform.ratelimit;

import io.tierline.contracts.Severity;

/**
 * How much a request matters when capacity runs short. A draining bucket sheds {@code LOW} first, then
 * {@code NORMAL}, then {@code HIGH}; {@code CRITICAL} is refused only when the bucket is empty.
 */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW;

    /** SEV1 -> CRITICAL, SEV2 -> HIGH, SEV3 -> NORMAL, SEV4 -> LOW */
    public static Priority of(Severity severity) {
        return switch (severity) {
            case SEV1 -> CRITICAL;
            case SEV2 -> HIGH;
            case SEV3 -> NORMAL;
            case SEV4 -> LOW;
        };
    }
}
