package io.tierline.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.tierline.notification.domain.ContactMethodType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Page outcomes: delivered per channel, failed, and the latency from the cause (e.g. the SLA deadline) to the
 * delivery. Registered at start so dashboards see zeros rather than missing series.
 */
@Startup
@ApplicationScoped
public class PageMetrics {

    private final Map<ContactMethodType, Counter> delivered = new EnumMap<>(ContactMethodType.class);
    private final Map<ContactMethodType, Timer> latency = new EnumMap<>(ContactMethodType.class);
    private final Counter failed;

    PageMetrics(MeterRegistry registry) {
        for (ContactMethodType channel : ContactMethodType.values()) {
            String tag = channel.name().toLowerCase(Locale.ROOT);
            delivered.put(channel, Counter.builder("tierline.pages.delivered")
                    .description("Pages a channel accepted").tag("channel", tag).register(registry));
            latency.put(channel, Timer.builder("tierline.pages.latency")
                    .description("Time from a page's cause to its delivery").tag("channel", tag)
                    .publishPercentiles(0.5, 0.95, 0.99).register(registry));
        }
        failed = Counter.builder("tierline.pages.failed")
                .description("Pages no channel accepted after every attempt").register(registry);
    }

    public void delivered(ContactMethodType channel, Duration sinceCause) {
        delivered.get(channel).increment();
        latency.get(channel).record(sinceCause.isNegative() ? Duration.ZERO : sinceCause);
    }

    public void failed() {
        failed.increment();
    }
}
