package io.tierline.escalation.policy;

/** How far an SLA clock has run: past its warning threshold, or past its due time. */
public enum SlaAlert {
    WARNING, BREACH;

    /** A breach is at least as bad as a warning: a rule for warnings fires on a breach too (a warning may be missed). */
    public boolean reaches(SlaAlert threshold) {
        return compareTo(threshold) >= 0;
    }
}
