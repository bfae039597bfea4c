package io.tierline.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What L3 needs to work on a defect without asking again: how to reproduce it, where and in which version, what was
 * expected and what happened instead, where the logs or traces are, and what it costs the customer. Required, every
 * part filled in, for an escalation to L3.
 */
public record ReproductionPackage(String steps, String environment, String productVersion, String expected,
                                  String actual, List<String> logReferences, CustomerImpact impact,
                                  List<UUID> attachmentIds) {

    public ReproductionPackage {
        logReferences = logReferences == null ? null : List.copyOf(logReferences);
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }

    /**
     * @param affectedUsers         how many users it hurts (an estimate)
     * @param since                 since when
     * @param workaround            whether the customer can work around it
     * @param workaroundDescription the workaround, when there is one
     */
    public record CustomerImpact(Integer affectedUsers, Instant since, Boolean workaround,
                                 String workaroundDescription) {
    }
}
