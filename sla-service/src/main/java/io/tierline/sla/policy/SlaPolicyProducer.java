package io.tierline.sla.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the policy from configuration once, failing the start on an incomplete one. */
@ApplicationScoped
public class SlaPolicyProducer {

    @Produces
    @ApplicationScoped
    SlaPolicy policy(SlaConfig config) {
        return new SlaPolicy(config.firstResponse(), config.warningThresholdPercent());
    }
}
