package io.tierline.platform.commit;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A REST call's transaction has ended by the time its answer is written: a successful answer means it committed, so
 * wake whoever waits for what it wrote (events to relay, timers to fire) and run its after-commit actions; an error
 * answer means it rolled back.
 */
public class CommittedResponses {

    private final CommitSignals signals;

    CommittedResponses(CommitSignals signals) {
        this.signals = signals;
    }

    @ServerResponseFilter
    public void committed(ContainerResponseContext response) {
        if (response.getStatus() < 400) {
            signals.committed();
        } else {
            signals.rolledBack();
        }
    }
}
