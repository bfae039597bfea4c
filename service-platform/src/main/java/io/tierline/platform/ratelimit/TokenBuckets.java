package io.tierline.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: it holds at most {@code burst} tokens and refills at {@code rate} tokens per second; a
 * request takes one token.
 * <p>
 * Shedding follows priority: each priority keeps a reserve, a fraction of the burst it may not dig into, so a request
 * is admitted only if taking its token leaves the bucket at or above that floor. {@code CRITICAL} has no reserve, so
 * as a bucket drains {@code LOW} is refused first, then {@code NORMAL}, then {@code HIGH}, and {@code CRITICAL} only
 * when the bucket is empty.
 * <p>
 * Memory stays bounded however many keys callers invent: buckets that would be full again (indistinguishable from a
 * new one) are dropped by a periodic sweep, and past {@code maxKeys} the least recently touched are dropped too.
 * Each key is updated atomically on its own ({@link ConcurrentHashMap#compute}); there is no global lock.
 * <p>
 * Tokens are counted in billionths, as {@code long}s, so fractions of a token add up exactly (ten refills of a
 * tenth make a whole token, which {@code double} arithmetic does not promise).
 */
public final class TokenBuckets {

    private static final long UNIT = 1_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Tokens in billionths; {@code updatedAt} is when they were counted, on the bucket's clock. */
    private record Bucket(long tokens, long updatedAt) {
    }

    private final double tokensPerNano;
    private final long capacity;
    private final Map<Priority, Long> floors = new EnumMap<>(Priority.class);
    private final int maxKeys;
    private final int evictTo;
    private final long sweepInterval;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile long lastSweep;

    /**
     * @param ratePerSecond tokens added per second
     * @param burst         the bucket's capacity: requests admitted at once after a quiet spell
     * @param reserves      per priority, the fraction of {@code burst} it leaves untouched; a missing priority (and
     *                      always {@code CRITICAL}) has none. Must not grow with priority.
     * @param maxKeys       most buckets kept; the least recently touched go first
     * @param nanoTime      a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     */
    public TokenBuckets(double ratePerSecond, int burst, Map<Priority, Double> reserves, int maxKeys,
                        LongSupplier nanoTime) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of tokens per second: " + ratePerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("max-keys must be at least 1: " + maxKeys);
        }
        this.tokensPerNano = ratePerSecond * UNIT / NANOS_PER_SECOND;
        this.capacity = burst * UNIT;
        double previous = 0;
        for (Priority priority : Priority.values()) {
            double reserve = priority == Priority.CRITICAL ? 0 : reserves.getOrDefault(priority, 0.0);
            if (!(reserve >= 0 && reserve < 1)) {
                throw new IllegalArgumentException("reserve of " + priority + " must be in [0, 1): " + reserve);
            }
            if (reserve < previous) {
                throw new IllegalArgumentException("reserve of " + priority + " (" + reserve
                        + ") is below that of a higher priority (" + previous + "); it would be shed later");
            }
            previous = reserve;
            // a full bucket admits every priority, however small the burst
            floors.put(priority, Math.min(Math.round(reserve * burst * UNIT), capacity - UNIT));
        }
        this.maxKeys = maxKeys;
        this.evictTo = maxKeys - maxKeys / 10; // evict a tenth at a time, so an overflowing map is not sorted per request
        // by then a bucket touched once is full again, so each sweep finds the ones that went quiet since the last
        this.sweepInterval = Math.max(NANOS_PER_SECOND, (long) Math.ceil(capacity / tokensPerNano));
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** Takes a token from {@code key}'s bucket if {@code priority} may have one now. */
    public RateDecision tryAcquire(String key, Priority priority) {
        return tryAcquire(key, priority, 1);
    }

    /**
     * Takes {@code cost} tokens (a batch: one per item) from {@code key}'s bucket if {@code priority} may have them
     * now. A batch never takes the bucket below its priority's floor, so it cannot starve more urgent requests; one
     * larger than the room above that floor costs all of the room, and so waits for a full bucket.
     */
    public RateDecision tryAcquire(String key, Priority priority, int cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1: " + cost);
        }
        long now = nanoTime.getAsLong();
        long floor = floors.get(priority);
        long charge = Math.min(cost * UNIT, capacity - floor);
        RateDecision[] decision = new RateDecision[1];
        buckets.compute(key, (k, bucket) -> {
            long tokens = bucket == null ? capacity : refilled(bucket, now);
            // a thread that read the clock before another updated this bucket must not move its time back (and so
            // credit the same interval twice)
            long at = bucket == null ? now : Math.max(now, bucket.updatedAt());
            if (tokens - charge >= floor) {
                decision[0] = RateDecision.ALLOWED;
                return new Bucket(tokens - charge, at);
            }
            long missing = floor + charge - tokens;
            decision[0] = RateDecision.refused(Duration.ofNanos((long) Math.ceil(missing / tokensPerNano)));
            return new Bucket(tokens, at);
        });
        maintain(now);
        return decision[0];
    }

    /** How many buckets are held now. */
    public int size() {
        return buckets.size();
    }

    private long refilled(Bucket bucket, long now) {
        long elapsed = Math.max(0, now - bucket.updatedAt());
        double room = capacity - bucket.tokens();
        return bucket.tokens() + Math.round(Math.min(room, elapsed * tokensPerNano));
    }

    private boolean fullAt(Bucket bucket, long now) {
        return refilled(bucket, now) >= capacity;
    }

    /** Drops buckets that are full again, now and then or when over {@code maxKeys}; then the oldest if still over. */
    private void maintain(long now) {
        boolean overfull = buckets.size() > maxKeys;
        if (!overfull && now - lastSweep < sweepInterval) {
            return;
        }
        if (!sweeping.compareAndSet(false, true)) {
            return; // another thread is at it
        }
        try {
            lastSweep = now;
            // remove(key, value) only removes a bucket nobody has touched since it was read
            buckets.forEach((key, bucket) -> {
                if (fullAt(bucket, now)) {
                    buckets.remove(key, bucket);
                }
            });
            if (buckets.size() > maxKeys) {
                List<Entry<String, Bucket>> oldestFirst = new ArrayList<>(buckets.entrySet());
                oldestFirst.sort((a, b) -> Long.compare(a.getValue().updatedAt(), b.getValue().updatedAt()));
                for (Entry<String, Bucket> entry : oldestFirst) {
                    if (buckets.size() <= evictTo) {
                        break;
                    }
                    buckets.remove(entry.getKey(), entry.getValue());
                }
            }
        } finally {
            sweeping.set(false);
        }
    }
}
