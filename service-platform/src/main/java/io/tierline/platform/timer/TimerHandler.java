package io.tierline.platform.timer;

import io.smallrye.mutiny.Uni;

/**
 * Handles the timers of one kind. {@link #fire} runs inside the transaction that deletes the timer, so its changes
 * (and the events it puts in the outbox) commit together with the timer being consumed: a timer fires once.
 */
public interface TimerHandler {

    String kind();

    Uni<Void> fire(FiredTimer timer);
}
