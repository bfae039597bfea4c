package io.tierline.sla.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * SLA targets: {@code tierline.sla.first-response.<PLAN>.<SEVERITY>=<duration>}; plan {@code default} applies to
 * plans without their own targets.
 */
@ConfigMapping(prefix = "tierline.sla")
public interface SlaConfig {

    /** Percentage of the target after which a warning is announced. */
    @WithDefault("75")
    int warningThresholdPercent();

    Map<String, Map<String, Duration>> firstResponse();
}
