package io.tierline.bench.storm;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measurements of one system in one scenario. Arrivals are numbered; pages are counted per key (an arrival's
 * number, or for repeats the open incident it re-triggers). Latencies are recorded in microseconds.
 */
final class Phase {

    /** How a page's latency is measured. */
    enum Clock {
        /** from the intended send time of the arrival that should cause it (bench's monotonic clock) */
        INTENDED_SEND,
        /** from the due time of the key's first-response SLA (wall clock: createdAt + target, the server's time) */
        SLA_DUE
    }

    private static final long HIGHEST_MICROS = Duration.ofHours(2).toNanos() / 1000;

    final String system;
    final Scenario scenario;
    final String what;
    final int planned;
    final int keys;
    final boolean expectPages;
    /** Tierline: only pages whose cause starts with this count (others are "other pages"); null: every page. */
    final String expectedCause;
    final Clock clock;

    final AtomicLongArray intendedByKey;
    final AtomicReferenceArray<Instant> dueByKey;
    final AtomicIntegerArray pagesByKey;

    final Histogram accept = histogram();
    final Histogram page = histogram();

    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder paged = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    /** Tierline pages POSTed again with the same page id (at-least-once delivery after a crash): not duplicates. */
    final LongAdder redelivered = new LongAdder();
    final LongAdder otherPages = new LongAdder();
    final LongAdder unexpectedPages = new LongAdder();
    final LongAdder lateAfterEnd = new LongAdder();
    final LongAdder unknownKey = new LongAdder();
    final LongAdder earlyPages = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicLong maxSendLagNanos = new AtomicLong();
    final AtomicLong lastAcceptNanos = new AtomicLong();
    final AtomicLong firstPageNanos = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastPageNanos = new AtomicLong();
    final AtomicReference<Instant> lastDue = new AtomicReference<>();

    /** Tierline: the key's ticket, learnt from the answer (REST) or by listing the run's tickets (PagerDuty). */
    final AtomicReferenceArray<UUID> ticketByKey;
    /** tickets paged (with the expected cause) while the phase runs, before pages are matched to keys */
    private final Set<UUID> liveTickets = ConcurrentHashMap.newKeySet();
    final LongAdder livePages = new LongAdder();

    /** the tag of the phase's titles, dedup keys and labels */
    volatile String tag;
    /** Tierline PagerDuty phases: the customer whose tickets are listed to learn each key's ticket */
    volatile UUID customer;

    volatile long startNanos;
    volatile Instant startWall;
    volatile long lastIntendedNanos;
    volatile long endNanos;
    volatile double offeredRate;
    volatile Cpu.Usage cpu;
    /** Tierline: the means of the services' own timers over the phase ({@link Metrics}) */
    volatile List<String> serverTimers = List.of();

    Phase(String system, Scenario scenario, String what, int planned, int keys, boolean expectPages,
          String expectedCause, Clock clock) {
        this.system = system;
        this.scenario = scenario;
        this.what = what;
        this.planned = planned;
        this.keys = keys;
        this.expectPages = expectPages;
        this.expectedCause = expectedCause;
        this.clock = clock;
        this.intendedByKey = new AtomicLongArray(keys);
        this.dueByKey = new AtomicReferenceArray<>(keys);
        this.pagesByKey = new AtomicIntegerArray(keys);
        this.ticketByKey = new AtomicReferenceArray<>(keys);
    }

    private static Histogram histogram() {
        return new SynchronizedHistogram(HIGHEST_MICROS, 3);
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }

    // ------------------------------------------------------------------------------------------------- sending

    void sending(long intendedNanos, long actualNanos) {
        sent.increment();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        maxSendLagNanos.accumulateAndGet(actualNanos - intendedNanos, Math::max);
        lastIntendedNanos = intendedNanos;
    }

    void accepted(long intendedNanos, long doneNanos) {
        accepted.increment();
        accept.recordValue(micros(doneNanos - intendedNanos));
        lastAcceptNanos.accumulateAndGet(doneNanos, Math::max);
    }

    /** Refusals the sender retried, by reason (an arrival counts once per refusal). */
    final Map<String, LongAdder> retries = new ConcurrentHashMap<>();

    void retried(String reason) {
        retries.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void failed(String reason) {
        errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void due(int key, Instant due) {
        dueByKey.set(key, due);
        lastDue.accumulateAndGet(due, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    // ---------------------------------------------------------------------------------------------- receiving

    /** A Tierline page arrived while this phase runs: counts progress until pages are matched to keys. */
    void live(UUID ticket, String cause) {
        boolean expected = expectedCause == null || (cause != null && cause.startsWith(expectedCause));
        if (expected && (!expectPages || liveTickets.add(ticket))) {
            livePages.increment();
        }
    }

    /** Pages seen so far that the phase waits for (Tierline: before they are matched to keys). */
    long progress() {
        return system.equals(Receiver.TIERLINE) ? livePages.sum() : paged.sum() + unexpectedPages.sum();
    }

    /** A page (or an Alertmanager notification's alert) for one key arrived at the receiver. */
    void page(int key, String cause, long arrivalNanos, Instant arrivalWall, Instant causedAt) {
        if (key < 0 || key >= keys) {
            unknownKey.increment();
            return;
        }
        if (expectedCause != null && (cause == null || !cause.startsWith(expectedCause))) {
            otherPages.increment();
            return;
        }
        if (arrivalNanos < startNanos) {
            return; // an earlier phase's (Tierline's pages are matched to keys by ticket after the phase)
        }
        if (endNanos != 0 && arrivalNanos > endNanos) {
            lateAfterEnd.increment();
            return;
        }
        if (!expectPages) {
            unexpectedPages.increment();
            return;
        }
        if (pagesByKey.incrementAndGet(key) > 1) {
            duplicates.increment();
            return;
        }
        paged.increment();
        firstPageNanos.accumulateAndGet(arrivalNanos, Math::min);
        lastPageNanos.accumulateAndGet(arrivalNanos, Math::max);
        if (clock == Clock.SLA_DUE) {
            Instant due = dueByKey.get(key);
            if (due == null) {
                unknownKey.increment();
                return;
            }
            long nanos = Duration.between(due, arrivalWall).toNanos();
            if (nanos < 0) {
                earlyPages.increment();
            }
            page.recordValue(micros(nanos));
        } else {
            long intended = intendedByKey.get(key);
            if (intended == 0) {
                unknownKey.increment();
                return;
            }
            page.recordValue(micros(arrivalNanos - intended));
        }
    }

    // ---------------------------------------------------------------------------------------------- reporting

    /** Arrivals per second from the first intended send to the last answer. */
    double acceptRate() {
        long span = lastAcceptNanos.get() - startNanos;
        return span <= 0 ? 0 : accepted.sum() / (span / 1e9);
    }

    /** Pages per second from the first intended send (breaches: the first page) to the last page. */
    double pageRate() {
        long first = clock == Clock.SLA_DUE ? firstPageNanos.get() : startNanos;
        long span = lastPageNanos.get() - first;
        if (paged.sum() <= 1 || span <= 0) {
            return 0;
        }
        // n pages span n-1 gaps when they start with the first page
        return (clock == Clock.SLA_DUE ? paged.sum() - 1 : paged.sum()) / (span / 1e9);
    }

    long missing() {
        return expectPages ? Math.max(0, accepted.sum() - paged.sum()) : 0;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    String errorText() {
        String text = countText(errors);
        return retries.isEmpty() ? text : text + " (sent again after a refusal: " + countText(retries) + ")";
    }

    private static String countText(Map<String, LongAdder> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(counts).forEach((reason, n) -> text.append(text.length() == 0 ? "" : ", ")
                .append(n.sum()).append(" × ").append(reason));
        return text.toString();
    }

    /** The latency the scenario is about: intake (or due time) to page, or accept latency when no page is due. */
    Histogram headline() {
        return expectPages ? page : accept;
    }

    String headlineName() {
        if (!expectPages) {
            return "accept latency (intended send → answer)";
        }
        return clock == Clock.SLA_DUE ? "breach page lateness (SLA due → page at the receiver)"
                : "intake → page at the receiver (from the intended send time)";
    }
}
