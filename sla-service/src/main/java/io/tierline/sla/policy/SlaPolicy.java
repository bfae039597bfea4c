package io.tierline.sla.policy;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * First-response targets per plan and severity, with a {@code default} plan as fallback. Every severity must have
 * a target under {@code default}, so every ticket gets a clock; this is checked when the policy is built.
 */
public final class SlaPolicy {

    public static final String DEFAULT_PLAN = "default";

    private final Map<String, Map<String, Duration>> firstResponse;
    private final int warningThresholdPercent;

    public SlaPolicy(Map<String, Map<String, Duration>> firstResponse, int warningThresholdPercent) {
        if (warningThresholdPercent < 1 || warningThresholdPercent > 99) {
            throw new IllegalArgumentException("tierline.sla.warning-threshold-percent must be within 1..99, was "
                    + warningThresholdPercent);
        }
        this.firstResponse = new LinkedHashMap<>();
        firstResponse.forEach((plan, targets) -> {
            Map<String, Duration> normalized = new LinkedHashMap<>();
            targets.forEach((severity, target) -> {
                if (target.isNegative() || target.isZero()) {
                    throw new IllegalArgumentException("SLA target for " + plan + "/" + severity + " must be positive");
                }
                normalized.put(severity.toUpperCase(Locale.ROOT), target);
            });
            this.firstResponse.put(plan.equalsIgnoreCase(DEFAULT_PLAN) ? DEFAULT_PLAN : plan.toUpperCase(Locale.ROOT),
                    normalized);
        });
        Map<String, Duration> defaults = this.firstResponse.getOrDefault(DEFAULT_PLAN, Map.of());
        for (Severity severity : Severity.values()) {
            if (!defaults.containsKey(severity.name())) {
                throw new IllegalArgumentException("Missing tierline.sla.first-response.default." + severity.name());
            }
        }
        this.warningThresholdPercent = warningThresholdPercent;
    }

    public Duration firstResponseTarget(Plan plan, Severity severity) {
        return Optional.ofNullable(firstResponse.get(plan.name()))
                .map(targets -> targets.get(severity.name()))
                .orElseGet(() -> firstResponse.get(DEFAULT_PLAN).get(severity.name()));
    }

    public int warningThresholdPercent() {
        return warningThresholdPercent;
    }

    /** The targets as configured, for display. */
    public Map<String, Map<String, Duration>> firstResponseTargets() {
        return firstResponse;
    }
}
