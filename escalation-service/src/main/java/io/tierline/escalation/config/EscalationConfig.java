package io.tierline.escalation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Escalation settings under {@code tierline.escalation}. */
@ConfigMapping(prefix = "tierline.escalation")
public interface EscalationConfig {

    /**
     * The shortest delay a level of an escalation policy may have before the next level is paged. A minute keeps
     * administrators from paging a whole policy at once by mistake; tests and demos set seconds so a climb is quick.
     */
    @WithDefault("1m")
    Duration minLevelDelay();
}
