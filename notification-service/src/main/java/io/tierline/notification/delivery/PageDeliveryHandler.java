package io.tierline.notification.delivery;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.PageDelivered;
import io.tierline.contracts.events.PageFailed;
import io.tierline.notification.config.NotificationConfig;
import io.tierline.notification.domain.ContactMethod;
import io.tierline.notification.domain.ContactMethodType;
import io.tierline.notification.domain.DeliveryAttempt;
import io.tierline.notification.domain.Page;
import io.tierline.notification.domain.PageCause;
import io.tierline.notification.domain.PageCauses;
import io.tierline.notification.domain.WebhookAddresses;
import io.tierline.platform.batch.Coalescer;
import io.tierline.platform.batch.Coalescers;
import io.tierline.platform.memo.SessionMemo;
import io.tierline.platform.outbox.Outbox;
import io.tierline.platform.timer.DurableTimer;
import io.tierline.platform.timer.FiredTimer;
import io.tierline.platform.timer.TimerHandler;
import io.tierline.platform.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers pages, one round at a time: a round tries the person's WEBHOOK contact methods in registration order until
 * one answers 2xx (the later ones are fallbacks). No request is sent inside a database transaction, so a slow
 * receiver holds neither a connection, nor a row lock, nor a timer worker. A round takes three steps:
 * <ol>
 * <li>{@link #fire}, in the short transaction that consumes the page's durable timer: checks that the page still
 * awaits delivery, reads what to send and where, and re-schedules the same timer as the round's <em>lease</em>, due
 * when the round must have been answered (one {@code timeout} per contact method, plus {@code lease-margin}). Nothing
 * is sent yet.</li>
 * <li>{@link #committed}, once that transaction has committed: starts the round's requests on a Vert.x context of
 * its own and returns. The pooled web client waits for the answers.</li>
 * <li>With the answers (or timeouts), a new short transaction records the round (with the other rounds answered
 * meanwhile, up to a hundred: a storm of pages is recorded in few commits): it locks the timer, then the page
 * (the order the timer's transaction takes them in, so the two cannot deadlock), writes an attempt row per request,
 * and then, only if the page still awaits delivery: a 2xx makes it DELIVERED, emits {@code PageDelivered} and
 * cancels the timer; a failed round re-schedules the timer for the next round ({@link RetrySchedule}) or, with none
 * left, makes the page FAILED, emits {@code PageFailed} and cancels the timer. Metrics are counted once it has
 * committed.</li>
 * </ol>
 * When an instance dies between the first step and the last, the lease comes due and the round is sent again: a
 * receiver may get a page twice (it can tell by the {@code X-Tierline-Page-Id} header), but the page is announced
 * once. The last step is what makes that hold, whichever answer comes first: an answer for a page that no longer
 * awaits delivery (acknowledged meanwhile, or delivered by a rerun of its round) is recorded and changes nothing else,
 * and so is a failed answer of a round that is no longer the timer's (a rerun of it has already scheduled the next).
 * <p>
 * An instance has at most {@code max-in-flight} rounds waiting for answers: beyond that, {@link #fire} leaves the
 * page's timer due {@code busy-delay} later and sends nothing, so a storm waits in the timer table, oldest first,
 * rather than in memory. The bound is soft by up to the number of timer workers, which check it at the same time.
 */
@ApplicationScoped
public class PageDeliveryHandler implements TimerHandler {

    static final String NO_CONTACT_METHOD = "no contact method";
    private static final Logger LOG = Logger.getLogger(PageDeliveryHandler.class);
    /** A round whose timer transaction rolled back after {@link #fire} is never committed: forgotten after this. */
    private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final Runnable NOTHING = () -> { };

    /** One contact method to try. */
    record Target(ContactMethodType channel, String address) {
    }

    /** A round as {@link #fire} prepared it: the page, the timer that leases it, what to send and where, in order. */
    record Round(UUID pageId, String timerKey, int number, PageMessage message, List<Target> targets) {
    }

    /** One request of a round and what it got, the error made safe to keep. */
    record Try(Target target, Instant attemptedAt, WebhookChannel.Outcome outcome) {
    }

    /**
     * What {@link #fire} leaves for {@link #committed}: a round to send, or none, and what to count and log once the
     * transaction has committed, or nothing.
     */
    private record Prepared(Round round, Runnable report, long preparedAtNanos) {
    }

    private final WebhookChannel webhooks;
    private final Outbox outbox;
    private final Timers timers;
    private final PageMetrics metrics;
    private final Clock clock;
    private final RetrySchedule retries;
    private final Duration timeout;
    private final Duration leaseMargin;
    private final int maxInFlight;
    private final Duration busyDelay;
    private final String publicUrl;
    private final ConcurrentMap<FiredTimer, Prepared> prepared = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Coalescer<Answered, Runnable> answers;

    /** A round and what its requests got, to be recorded. */
    private record Answered(Round round, List<Try> tries) {
    }

    /** Answers recorded in one transaction at most; several transactions record at once. */
    private static final int ANSWERS_PER_TRANSACTION = 100;
    private static final int ANSWER_TRANSACTIONS = 2;

    PageDeliveryHandler(WebhookChannel webhooks, Outbox outbox, Timers timers, PageMetrics metrics, Clock clock,
                        NotificationConfig config, Coalescers coalescers) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.timers = timers;
        this.metrics = metrics;
        this.clock = clock;
        this.retries = new RetrySchedule(config.delivery().maxAttempts(), config.delivery().retryBackoff());
        this.timeout = config.delivery().timeout();
        this.leaseMargin = config.delivery().leaseMargin();
        this.maxInFlight = config.delivery().maxInFlight();
        this.busyDelay = config.delivery().busyDelay();
        // answers that come back while earlier ones are being recorded are recorded together; none is ever refused
        // (at most max-in-flight rounds wait, and a refused answer would send its page again when the lease ends)
        this.answers = coalescers.create("page-answers", new Coalescer.Limits(ANSWERS_PER_TRANSACTION,
                        ANSWER_TRANSACTIONS, Integer.MAX_VALUE, Duration.ofSeconds(1)),
                batch -> Panache.withTransaction(() -> recordAll(batch)));
        this.publicUrl = config.publicUrl().endsWith("/")
                ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
    }

    @Override
    public String kind() {
        return PageTimers.KIND;
    }

    /** Rounds waiting for their answers on this instance, or about to. */
    int inFlight() {
        return inFlight.get() + prepared.size();
    }

    @Override
    public Uni<Void> fire(FiredTimer timer) {
        forgetAbandoned();
        if (inFlight() >= maxInFlight) {
            LOG.debugf("Page timer %s: %d rounds in flight, looking again in %s", timer.key(), inFlight(), busyDelay);
            return timers.schedule(PageTimers.KIND, timer.key(), clock.instant().plus(busyDelay), timer.payload());
        }
        UUID pageId = PageTimers.pageId(timer.key());
        int round = PageTimers.round(timer.key(), timer.payload());
        return Page.<Page>findById(pageId, LockModeType.PESSIMISTIC_WRITE).flatMap(page -> {
            if (page == null || !page.awaitsDelivery()) {
                LOG.debugf("Page %s needs no delivery (%s)", pageId, page == null ? "gone" : page.status);
                return Uni.createFrom().voidItem();
            }
            return prepare(timer, page, round);
        });
    }

    /** Reads what to send and where, and leases the round; without a contact method the page fails at once. */
    private Uni<Void> prepare(FiredTimer timer, Page page, int round) {
        return PageCause.<PageCause>find("ticketId = ?1 and cause = ?2", page.ticketId, page.cause).firstResult()
                .flatMap(cause -> webhookMethods(page.responderId)
                        .flatMap(methods -> {
                            if (methods.isEmpty()) {
                                // the fired timer is consumed with this transaction: no lease, nothing to send
                                return failed(page, round - 1, NO_CONTACT_METHOD)
                                        .invoke(report -> prepared.put(timer, new Prepared(null, report,
                                                System.nanoTime())))
                                        .replaceWithVoid();
                            }
                            List<Target> targets = methods.stream().map(m -> new Target(m.type, m.address)).toList();
                            Round next = new Round(page.id, timer.key(), round, message(page, cause), targets);
                            Instant leaseEnds = clock.instant().plus(timeout.multipliedBy(targets.size()))
                                    .plus(leaseMargin);
                            return timers.schedule(PageTimers.KIND, timer.key(), leaseEnds, PageTimers.payload(round))
                                    .invoke(() -> prepared.put(timer, new Prepared(next, null, System.nanoTime())));
                        }));
    }

    /**
     * A person's webhook contact methods in the order they are tried, read once per timer batch: in a storm one
     * person's pages come due together.
     */
    private static Uni<List<ContactMethod>> webhookMethods(String personId) {
        return SessionMemo.remember(new MethodsOf(personId), () -> ContactMethod.<ContactMethod>list(
                "personId = ?1 and type = ?2 order by createdAt, id", personId, ContactMethodType.WEBHOOK));
    }

    private record MethodsOf(String personId) {
    }

    /**
     * The timer's transaction committed: counts what {@link #fire} decided and starts the round's requests. Returns
     * at once; the round goes on on a Vert.x context of its own, where Hibernate Reactive can record its answer.
     */
    @Override
    public void committed(FiredTimer timer) {
        Prepared done = prepared.get(timer);
        if (done == null) {
            return;
        }
        if (done.round() != null) {
            inFlight.incrementAndGet(); // before it leaves the prepared ones, so fire() never sees one round less
        }
        prepared.remove(timer);
        if (done.report() != null) {
            done.report().run();
        }
        if (done.round() != null) {
            start(done.round());
        }
    }

    /** Sends the round and records its answer, on a duplicated Vert.x context; its slot in flight is taken. */
    private void start(Round round) {
        try {
            VertxContextSupport.subscribe(() -> send(round, 0, new ArrayList<>())
                            .flatMap(tries -> answers.submit(new Answered(round, tries)))
                            .onTermination().invoke(inFlight::decrementAndGet)
                            .toMulti(),
                    subscription -> subscription.with(Runnable::run, failure -> LOG.warnf(failure,
                            "Page %s round %d: could not record its answer; it is sent again when its lease ends",
                            round.pageId(), round.number())));
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    /** Tries the contact methods in order until one accepts the page; returns every try. */
    private Uni<List<Try>> send(Round round, int index, List<Try> tries) {
        Target target = round.targets().get(index);
        Instant attemptedAt = clock.instant();
        // the address is a contact detail that may carry a secret: the attempt row, logs and events get its host only
        return webhooks.send(target.address(), round.message())
                .map(outcome -> outcome.safeFor(target.address()))
                .flatMap(outcome -> {
                    tries.add(new Try(target, attemptedAt, outcome));
                    if (outcome.succeeded()) {
                        return Uni.createFrom().item(tries);
                    }
                    LOG.infof("Page %s attempt %d to %s failed: %s", round.pageId(), round.number(),
                            WebhookAddresses.redacted(target.address()), outcome.reason());
                    return index + 1 < round.targets().size()
                            ? send(round, index + 1, tries)
                            : Uni.createFrom().item(tries);
                });
    }

    /**
     * Records rounds' answers in the caller's transaction, one after the other (a batch that fails is recorded again
     * one answer per transaction by the coalescer). Returns, per answer, what to count and log once committed.
     */
    private Uni<List<Runnable>> recordAll(List<Answered> batch) {
        List<Runnable> reports = new ArrayList<>(batch.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Answered answered : batch) {
            chain = chain.call(() -> record(answered.round(), answered.tries()).invoke(reports::add));
        }
        return chain.replaceWith(reports);
    }

    /**
     * Records a round's answers and moves the page on, if it still awaits delivery and (for a failed round) the timer
     * is still this round's. Returns what to count and log once it has committed.
     */
    private Uni<Runnable> record(Round round, List<Try> tries) {
        return DurableTimer.<DurableTimer>find("kind = ?1 and key = ?2", PageTimers.KIND, round.timerKey())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .flatMap(timer -> Page.<Page>findById(round.pageId(), LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(page -> page == null
                                ? nothingElse(() -> LOG.infof("Page %s is gone", round.pageId()))
                                : persist(page, round, tries).flatMap(ignored -> settle(page, timer, round, tries))));
    }

    private Uni<Runnable> settle(Page page, DurableTimer timer, Round round, List<Try> tries) {
        Try last = tries.get(tries.size() - 1);
        if (!page.awaitsDelivery()) {
            return nothingElse(() -> LOG.infof("Page %s round %d answered %s, but the page is %s already",
                    page.id, round.number(), last.outcome().reason(), page.status));
        }
        if (last.outcome().succeeded()) {
            return delivered(page, last.target().channel(), round.number())
                    .call(() -> timers.cancel(PageTimers.KIND, round.timerKey()));
        }
        // no timer at all would leave the page pending for ever: this answer decides then
        if (timer != null && PageTimers.round(timer.key, timer.payload) != round.number()) {
            return nothingElse(() -> LOG.infof("Page %s round %d failed, but round %s is the page's now",
                    page.id, round.number(), PageTimers.round(timer.key, timer.payload)));
        }
        String reason = last.outcome().reason();
        Optional<Duration> delay = retries.delayAfter(round.number());
        if (delay.isEmpty()) {
            return failed(page, round.number(), reason).call(() -> timers.cancel(PageTimers.KIND, round.timerKey()));
        }
        return timers.schedule(PageTimers.KIND, round.timerKey(), clock.instant().plus(delay.get()),
                        PageTimers.payload(round.number() + 1))
                .replaceWith(NOTHING);
    }

    private static Uni<Runnable> nothingElse(Runnable report) {
        return Uni.createFrom().item(report);
    }

    private Uni<Runnable> delivered(Page page, ContactMethodType channel, int round) {
        Instant now = clock.instant();
        page.delivered(now);
        return outbox.emit(new PageDelivered(page.id, page.ticketId, page.responderId, page.cause, channel.name(),
                        round, now))
                .map(ignored -> () -> {
                    metrics.delivered(channel, Duration.between(page.causedAt, now));
                    LOG.infof("Page %s delivered to %s (%s, attempt %d)", page.id, page.responderId, channel, round);
                });
    }

    private Uni<Runnable> failed(Page page, int attempts, String reason) {
        Instant now = clock.instant();
        page.failed(reason, now);
        return outbox.emit(new PageFailed(page.id, page.ticketId, page.responderId, page.cause, attempts, reason, now))
                .map(ignored -> () -> {
                    metrics.failed();
                    LOG.warnf("Page %s to %s failed after %d attempt(s): %s", page.id, page.responderId, attempts,
                            reason);
                });
    }

    /** Records every try of the round, whatever becomes of the page: each was a request a receiver may have seen. */
    private static Uni<Void> persist(Page page, Round round, List<Try> tries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Try done : tries) {
            DeliveryAttempt row = new DeliveryAttempt();
            row.pageId = page.id;
            row.attempt = round.number();
            row.channel = done.target().channel();
            row.address = done.target().address();
            row.statusCode = done.outcome().statusCode();
            row.error = done.outcome().error();
            row.attemptedAt = done.attemptedAt();
            row.durationMs = done.outcome().duration().toMillis();
            chain = chain.call(row::persist);
        }
        return chain;
    }

    /** Drops what fire() prepared in a transaction that then rolled back: committed() never comes for it. */
    private void forgetAbandoned() {
        long now = System.nanoTime();
        prepared.values().removeIf(p -> now - p.preparedAtNanos() > FORGET_AFTER_NANOS);
    }

    private PageMessage message(Page page, PageCause cause) {
        return new PageMessage(page.id, page.ticketId, page.responderId, page.cause,
                cause == null ? null : cause.severity, PageCauses.title(page.cause, page.ticketId), page.causedAt,
                publicUrl + "/api/v1/pages/" + page.id + "/ack");
    }
}
