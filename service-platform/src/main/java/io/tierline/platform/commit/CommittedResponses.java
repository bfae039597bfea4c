package io.tierline.platform.commit;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A REST call's transaction has committed by the time its answer is written: wake whoever waits for what it wrote
 * (events to relay, timers to fire).
 */
public class CommittedResponses {

    private final CommitSignals signals;

    CommittedResponses(CommitSignals signals) {
        this.signals = signals;
    }

    @ServerResponseFilter
    public void committed(ContainerResponseContext response) {
        signals.committed();
    }
}
