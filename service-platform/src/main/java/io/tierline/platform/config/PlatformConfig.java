package io.tierline.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** Settings of the shared mechanisms; every service reads the same keys under {@code tierline.platform}. */
@ConfigMapping(prefix = "tierline.platform")
public interface PlatformConfig {

    /** The CloudEvents {@code ce_source} of events this service emits. */
    @WithName("event-source")
    String eventSource();

    Outbox outbox();

    Timers timers();

    Consumer consumer();

    Topics topics();

    RateLimit rateLimit();

    Idempotency idempotency();

    interface Topics {
        /** Create missing lifecycle topics at start (off where topics are managed as resources). */
        @WithDefault("true")
        boolean create();

        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replicationFactor();
    }

    interface Outbox {
        /**
         * How often the relay looks for events without being woken: this instance wakes it at each commit that
         * wrote events, so the poll finds what other instances (or work outside a request or record) wrote.
         */
        @WithDefault("250ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /** Published rows are kept this long for inspection, then deleted. */
        @WithDefault("1h")
        Duration retention();

        @WithDefault("10s")
        Duration sendTimeout();
    }

    interface Timers {
        /**
         * Longest a worker sleeps without being woken: it wakes at the next due time it knows of, and when this
         * instance commits a timer; the poll finds timers other instances scheduled.
         */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Due timers claimed and fired in one transaction; a failing batch is fired again one timer at a time. */
        @WithDefault("100")
        int batchSize();

        /** A timer that fires this long after its due time is marked late (e.g. it came due during a restart). */
        @WithDefault("2s")
        Duration lateAfter();

        /** First retry delay of a timer whose handler failed; doubles per attempt. */
        @WithDefault("1s")
        Duration retryBackoff();

        @WithDefault("5m")
        Duration maxRetryBackoff();

        /** Timers fired at once per instance; a slow handler holds up only its own worker. */
        @WithDefault("4")
        int concurrency();

        /** A batch whose handlers have not finished after this long is failed (and retried) so a worker never hangs. */
        @WithDefault("60s")
        Duration handlerTimeout();
    }

    interface Consumer {
        /**
         * Attempts for a failure that is neither the event's fault nor a passing database condition (a handler
         * that fails on this event) before the record is dead-lettered.
         */
        @WithDefault("4")
        int maxAttempts();

        /** The first wait before a retry; it doubles with each attempt. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /**
         * The longest wait between retries while the database is unreachable: such a failure is retried until it
         * passes (the partition waits, in order), never dead-lettered.
         */
        @WithDefault("30s")
        Duration maxRetryBackoff();

        /**
         * How long the id of an applied event is kept to recognise a redelivery: longer than the topics keep their
         * records (Kafka's default is 7 days), so a consumer group reset to the earliest offset still finds them.
         */
        @WithDefault("14d")
        Duration dedupRetention();
    }

    /**
     * The {@code Idempotency-Key} header on POSTs (see {@code io.tierline.platform.idempotency}); the defaults are in
     * {@code META-INF/microprofile-config.properties}.
     */
    interface Idempotency {
        /** How long a key and its answer are kept: a retry within this window gets the first answer again. */
        Duration retention();

        /**
         * A key claimed by a request that has not answered after this long is given up (its instance stopped
         * mid-request), so a retry runs instead of being refused as in progress.
         */
        Duration inProgressTimeout();
    }

    /** Token buckets per caller and per integration key; see {@code io.tierline.platform.ratelimit}. */
    interface RateLimit {
        /** Off, every request is admitted. */
        @WithDefault("true")
        boolean enabled();

        /** Each authenticated caller without a key (principal name), on every {@code /api/} and
         * {@code /integrations/} call. */
        Caller caller();

        /** Each integration key, on every call with it; the intakes spend it by the severity of what they receive. */
        IntegrationKey integrationKey();

        /** The fraction of a bucket each priority leaves to the ones above it; CRITICAL keeps none. */
        Reserve reserve();

        /** Most buckets kept per kind; past it the least recently used are forgotten (they start full again). */
        @WithDefault("100000")
        int maxKeys();

        interface Caller {
            /** Tokens per second. */
            @WithDefault("20")
            double rate();

            /** Requests admitted at once after a quiet spell. */
            @WithDefault("100")
            int burst();
        }

        interface IntegrationKey {
            @WithDefault("50")
            double rate();

            @WithDefault("200")
            int burst();
        }

        interface Reserve {
            @WithDefault("0.1")
            double high();

            @WithDefault("0.2")
            double normal();

            @WithDefault("0.3")
            double low();
        }
    }
}
