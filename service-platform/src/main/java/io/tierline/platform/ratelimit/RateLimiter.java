package io.tierline.platform.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.tierline.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The service's rate limits: one set of {@link TokenBuckets} per {@link LimitKind}, sized by
 * {@code tierline.platform.rate-limit.*}. Callers are limited by {@link CallerRateLimitFilter}; an intake endpoint
 * marked {@link LimitsItsOwnRate} calls {@link #acquire} itself once it knows the key and the severity.
 */
@ApplicationScoped
public class RateLimiter {

    /** The identity attribute an integration-key authentication sets (the key's id): such callers count per key. */
    public static final String INTEGRATION_KEY_ATTRIBUTE = "tierline.integration-key";

    private final boolean enabled;
    private final Map<LimitKind, TokenBuckets> buckets = new EnumMap<>(LimitKind.class);
    private final Map<LimitKind, Map<Priority, Counter>> refused = new EnumMap<>(LimitKind.class);

    RateLimiter(PlatformConfig config, MeterRegistry registry) {
        PlatformConfig.RateLimit limits = config.rateLimit();
        this.enabled = limits.enabled();
        Map<Priority, Double> reserves = new EnumMap<>(Map.of(
                Priority.HIGH, limits.reserve().high(),
                Priority.NORMAL, limits.reserve().normal(),
                Priority.LOW, limits.reserve().low()));
        buckets.put(LimitKind.CALLER, new TokenBuckets(limits.caller().rate(), limits.caller().burst(), reserves,
                limits.maxKeys(), System::nanoTime));
        buckets.put(LimitKind.INTEGRATION_KEY, new TokenBuckets(limits.integrationKey().rate(),
                limits.integrationKey().burst(), reserves, limits.maxKeys(), System::nanoTime));
        for (LimitKind kind : LimitKind.values()) {
            Map<Priority, Counter> counters = new EnumMap<>(Priority.class);
            for (Priority priority : Priority.values()) {
                counters.put(priority, Counter.builder("tierline.rate-limit.refused")
                        .description("Requests refused with 429 because their bucket was too low for their priority")
                        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                        .tag("priority", priority.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            refused.put(kind, counters);
        }
    }

    /**
     * Takes one token from the authenticated caller's bucket: its integration key's if it presented one, else its own
     * (by principal name); or throws {@link RateLimitedException}.
     */
    public void acquire(SecurityIdentity identity, Priority priority) {
        acquire(identity, priority, 1);
    }

    /** The same for a batch of {@code cost} items (one token each), admitted together at one priority. */
    public void acquire(SecurityIdentity identity, Priority priority, int cost) {
        Object key = identity.getAttribute(INTEGRATION_KEY_ATTRIBUTE);
        if (key != null) {
            acquire(LimitKind.INTEGRATION_KEY, key.toString(), priority, cost);
        } else {
            acquire(LimitKind.CALLER, identity.getPrincipal().getName(), priority, cost);
        }
    }

    /**
     * Takes {@code cost} tokens from the caller's bucket of the given kind or throws {@link RateLimitedException}.
     */
    public void acquire(LimitKind kind, String callerKey, Priority priority, int cost) {
        RateDecision decision = tryAcquire(kind, callerKey, priority, cost);
        if (!decision.allowed()) {
            throw new RateLimitedException(decision.retryAfter());
        }
    }

    /**
     * Takes {@code cost} tokens from the caller's bucket of the given kind if its priority may have them now (see
     * {@link TokenBuckets#tryAcquire(String, Priority, int)}).
     */
    public RateDecision tryAcquire(LimitKind kind, String callerKey, Priority priority, int cost) {
        if (!enabled) {
            return RateDecision.ALLOWED;
        }
        Objects.requireNonNull(callerKey, "callerKey");
        RateDecision decision = buckets.get(kind).tryAcquire(callerKey, priority, cost);
        if (!decision.allowed()) {
            refused.get(kind).get(priority).increment();
        }
        return decision;
    }
}
