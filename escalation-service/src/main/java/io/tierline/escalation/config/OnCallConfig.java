package io.tierline.escalation.config;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Map;

/** The on-call roster under {@code tierline.on-call}: {@code tierline.on-call.teams.core=alice,bob}. */
@ConfigMapping(prefix = "tierline.on-call")
public interface OnCallConfig {

    /** Team name to the ids of the people on call for it, in paging order. */
    Map<String, List<String>> teams();
}
