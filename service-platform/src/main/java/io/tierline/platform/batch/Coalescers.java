package io.tierline.platform.batch;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.commit.CommitSignals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Function;

/**
 * Makes {@link Coalescer}s whose batches each run a transaction on a Vert.x context of their own (never the context of
 * the request that happened to start them, so a client that disconnects cannot cancel a transaction that applies
 * other clients' requests too), wake the outbox relay and timer workers when they commit, and are measured:
 * {@code tierline.batch.size} per batch, and the requests waiting and batches in flight as gauges.
 */
@ApplicationScoped
public class Coalescers {

    private final Vertx vertx;
    private final CommitSignals signals;
    private final MeterRegistry registry;

    Coalescers(Vertx vertx, CommitSignals signals, MeterRegistry registry) {
        this.vertx = vertx;
        this.signals = signals;
        this.registry = registry;
    }

    /**
     * @param name  names the work in metrics
     * @param apply applies a batch in one transaction and answers its requests in order
     */
    public <I, O> Coalescer<I, O> create(String name, Coalescer.Limits limits, Function<List<I>, Uni<List<O>>> apply) {
        DistributionSummary sizes = DistributionSummary.builder("tierline.batch.size")
                .description("Requests applied together in one transaction").tag("work", name)
                .publishPercentiles(0.5, 0.99).register(registry);
        Coalescer<I, O> coalescer = new Coalescer<>(
                batch -> apply.apply(batch)
                        .invoke(signals::committed)
                        .onFailure().invoke(signals::rolledBack),
                this::onOwnContext, limits, (size, failed) -> sizes.record(size));
        Gauge.builder("tierline.batch.waiting", coalescer, Coalescer::waiting)
                .description("Requests waiting for a batch").tag("work", name).register(registry);
        Gauge.builder("tierline.batch.in.flight", coalescer, Coalescer::inFlight)
                .description("Batches being applied").tag("work", name).register(registry);
        return coalescer;
    }

    private void onOwnContext(Runnable task) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> task.run());
    }
}
