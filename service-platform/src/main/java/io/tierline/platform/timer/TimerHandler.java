package io.tierline.platform.timer;

import io.smallrye.mutiny.Uni;

/**
 * Handles the timers of one kind. {@link #fire} runs inside the transaction that deletes the timer, so its changes
 * (and the events it puts in the outbox) commit together with the timer being consumed: a timer fires once.
 */
public interface TimerHandler {

    String kind();

    Uni<Void> fire(FiredTimer timer);

    /**
     * Called once the transaction in which {@link #fire} ran has committed, never when it rolled back: where a
     * handler starts work that must not run inside a transaction, such as a network call, or counts what it did.
     * It must not block; it runs on the timer worker's thread.
     */
    default void committed(FiredTimer timer) {
    }
}
