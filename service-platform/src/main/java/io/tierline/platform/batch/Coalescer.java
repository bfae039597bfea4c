package io.tierline.platform.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies requests that arrive one at a time in batches, each batch in one call (one transaction): while
 * {@code maxInFlight} batches are being applied, the requests that arrive wait and go together in the next one. No
 * timer holds a request back, so a lone request goes at once and a storm gets batches as large as it needs (up to
 * {@code maxBatch}): the batch size follows the load.
 *
 * <p>At most {@code maxWaiting} requests wait; the next one is refused at once with {@link Overloaded}, so a caller
 * over capacity is told to come back instead of waiting for a database connection until it gives up.
 *
 * <p>A batch that fails is applied again one request at a time, so a request that cannot be applied fails alone and
 * the others succeed. A caller that stops waiting (a client that disconnects) does not cancel its batch: what was
 * started is applied, and its answer is dropped.
 *
 * @param <I> a request
 * @param <O> its answer; the apply function answers a batch's requests in their order
 */
public final class Coalescer<I, O> {

    /** How large a batch may grow, how many run at once, and how many requests may wait for one. */
    public record Limits(int maxBatch, int maxInFlight, int maxWaiting, Duration retryAfter) {

        public Limits {
            if (maxBatch < 1 || maxInFlight < 1 || maxWaiting < 0) {
                throw new IllegalArgumentException("batch and in-flight limits must be at least 1, waiting at least 0");
            }
        }
    }

    /** What a batch did, for whoever measures it. */
    public interface Observer {
        void batch(int size, boolean failed);

        Observer NONE = (size, failed) -> {
        };
    }

    private record Pending<I, O>(I request, UniEmitter<? super O> answer) {
    }

    private final Function<List<I>, Uni<List<O>>> apply;
    private final Consumer<Runnable> launcher;
    private final Limits limits;
    private final Observer observer;
    private final ArrayDeque<Pending<I, O>> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param apply    applies a batch, answering its requests in order (one answer per request)
     * @param launcher runs the start of a batch where it must run (for a transaction: a Vert.x context of its own)
     */
    public Coalescer(Function<List<I>, Uni<List<O>>> apply, Consumer<Runnable> launcher, Limits limits,
                     Observer observer) {
        this.apply = apply;
        this.launcher = launcher;
        this.limits = limits;
        this.observer = observer;
    }

    /** The request's answer, once its batch is applied; {@link Overloaded} at once when too many wait. */
    public Uni<O> submit(I request) {
        return Uni.createFrom().emitter(answer -> {
            synchronized (this) {
                if (waiting.size() >= limits.maxWaiting() && inFlight >= limits.maxInFlight()) {
                    answer.fail(new Overloaded(limits.retryAfter()));
                    return;
                }
                waiting.add(new Pending<>(request, answer));
            }
            drain();
        });
    }

    /** Requests waiting for a batch now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Batches being applied now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    private void drain() {
        while (true) {
            List<Pending<I, O>> batch;
            synchronized (this) {
                if (inFlight >= limits.maxInFlight() || waiting.isEmpty()) {
                    return;
                }
                int size = Math.min(limits.maxBatch(), waiting.size());
                batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(waiting.poll());
                }
                inFlight++;
            }
            launch(batch, () -> {
                synchronized (this) {
                    inFlight--;
                }
                drain();
            });
        }
    }

    private void launch(List<Pending<I, O>> batch, Runnable done) {
        try {
            launcher.accept(() -> applyBatch(batch, done));
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.answer().fail(e));
            done.run();
        }
    }

    private void applyBatch(List<Pending<I, O>> batch, Runnable done) {
        attempt(batch).subscribe().with(answers -> {
            observer.batch(batch.size(), false);
            if (answers.size() != batch.size()) {
                IllegalStateException wrong = new IllegalStateException(
                        answers.size() + " answers for a batch of " + batch.size());
                batch.forEach(pending -> pending.answer().fail(wrong));
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).answer().complete(answers.get(i));
                }
            }
            done.run();
        }, failure -> {
            observer.batch(batch.size(), true);
            if (batch.size() == 1) {
                batch.get(0).answer().fail(failure);
                done.run();
            } else {
                // one at a time, in this batch's slot: only the requests that cannot be applied fail
                alone(batch, 0, done);
            }
        });
    }

    private void alone(List<Pending<I, O>> batch, int index, Runnable done) {
        if (index == batch.size()) {
            done.run();
            return;
        }
        Pending<I, O> pending = batch.get(index);
        Runnable next = () -> alone(batch, index + 1, done);
        try {
            launcher.accept(() -> attempt(List.of(pending)).subscribe().with(answers -> {
                observer.batch(1, false);
                pending.answer().complete(answers.get(0));
                next.run();
            }, failure -> {
                observer.batch(1, true);
                pending.answer().fail(failure);
                next.run();
            }));
        } catch (RuntimeException e) {
            pending.answer().fail(e);
            next.run();
        }
    }

    private Uni<List<O>> attempt(List<Pending<I, O>> batch) {
        List<I> requests = batch.stream().map(Pending::request).toList();
        try {
            return apply.apply(requests);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
