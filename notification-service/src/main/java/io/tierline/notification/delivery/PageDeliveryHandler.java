package io.tierline.notification.delivery;

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
import io.tierline.platform.outbox.Outbox;
import io.tierline.platform.timer.FiredTimer;
import io.tierline.platform.timer.TimerHandler;
import io.tierline.platform.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One delivery round of a page, fired by its durable timer and run in the transaction that consumes the timer: the
 * attempts, the page's new status, its event and the next round's timer commit together. The page row is locked for
 * the round, so an ack waits for it instead of being overwritten by it.
 */
@ApplicationScoped
public class PageDeliveryHandler implements TimerHandler {

    static final String NO_CONTACT_METHOD = "no contact method";
    private static final Logger LOG = Logger.getLogger(PageDeliveryHandler.class);

    private final WebhookChannel webhooks;
    private final Outbox outbox;
    private final Timers timers;
    private final PageMetrics metrics;
    private final Clock clock;
    private final RetrySchedule retries;
    private final String publicUrl;

    PageDeliveryHandler(WebhookChannel webhooks, Outbox outbox, Timers timers, PageMetrics metrics, Clock clock,
                        NotificationConfig config) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.timers = timers;
        this.metrics = metrics;
        this.clock = clock;
        this.retries = new RetrySchedule(config.delivery().maxAttempts(), config.delivery().retryBackoff());
        this.publicUrl = config.publicUrl().endsWith("/")
                ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
    }

    @Override
    public String kind() {
        return PageTimers.KIND;
    }

    @Override
    public Uni<Void> fire(FiredTimer timer) {
        UUID pageId = PageTimers.pageId(timer.key());
        int attempt = PageTimers.attempt(timer.key());
        return Page.<Page>findById(pageId, LockModeType.PESSIMISTIC_WRITE).flatMap(page -> {
            if (page == null || !page.awaitsDelivery()) {
                LOG.debugf("Page %s needs no delivery (%s)", pageId, page == null ? "gone" : page.status);
                return Uni.createFrom().voidItem();
            }
            return deliver(page, attempt);
        });
    }

    private Uni<Void> deliver(Page page, int attempt) {
        return PageCause.<PageCause>find("ticketId = ?1 and cause = ?2", page.ticketId, page.cause).firstResult()
                .flatMap(cause -> ContactMethod.<ContactMethod>list("personId = ?1 and type = ?2 order by createdAt, id",
                                page.responderId, ContactMethodType.WEBHOOK)
                        .flatMap(methods -> methods.isEmpty()
                                ? failed(page, attempt - 1, NO_CONTACT_METHOD)
                                : tryInTurn(page, message(page, cause), methods, 0, attempt)));
    }

    /** Tries the person's contact methods in order until one accepts the page: the later ones are fallbacks. */
    private Uni<Void> tryInTurn(Page page, PageMessage message, List<ContactMethod> methods, int index, int attempt) {
        ContactMethod method = methods.get(index);
        Instant attemptedAt = clock.instant();
        // the address is a contact detail that may carry a secret: the attempt row, logs and events get its host only
        return webhooks.send(method.address, message)
                .map(outcome -> outcome.safeFor(method.address))
                .call(outcome -> record(page, method, attempt, attemptedAt, outcome))
                .flatMap(outcome -> {
                    if (outcome.succeeded()) {
                        return delivered(page, method.type, attempt);
                    }
                    String reason = outcome.reason();
                    LOG.infof("Page %s attempt %d to %s failed: %s", page.id, attempt,
                            WebhookAddresses.redacted(method.address), reason);
                    return index + 1 < methods.size()
                            ? tryInTurn(page, message, methods, index + 1, attempt)
                            : roundFailed(page, attempt, reason);
                });
    }

    private Uni<Void> roundFailed(Page page, int attempt, String reason) {
        Optional<Duration> delay = retries.delayAfter(attempt);
        if (delay.isEmpty()) {
            return failed(page, attempt, reason);
        }
        return timers.schedule(PageTimers.KIND, PageTimers.key(page.id, attempt + 1), clock.instant().plus(delay.get()),
                null);
    }

    private Uni<Void> delivered(Page page, ContactMethodType channel, int attempt) {
        Instant now = clock.instant();
        page.delivered(now);
        return outbox.emit(new PageDelivered(page.id, page.ticketId, page.responderId, page.cause, channel.name(),
                        attempt, now))
                .invoke(() -> {
                    metrics.delivered(channel, Duration.between(page.causedAt, now));
                    LOG.infof("Page %s delivered to %s (%s, attempt %d)", page.id, page.responderId, channel, attempt);
                })
                .replaceWithVoid();
    }

    private Uni<Void> failed(Page page, int attempts, String reason) {
        Instant now = clock.instant();
        page.failed(reason, now);
        return outbox.emit(new PageFailed(page.id, page.ticketId, page.responderId, page.cause, attempts, reason, now))
                .invoke(() -> {
                    metrics.failed();
                    LOG.warnf("Page %s to %s failed after %d attempt(s): %s", page.id, page.responderId, attempts,
                            reason);
                })
                .replaceWithVoid();
    }

    /** Records an attempt; its outcome's error was made safe to keep ({@link WebhookChannel.Outcome#safeFor}). */
    private Uni<Void> record(Page page, ContactMethod method, int attempt, Instant attemptedAt,
                             WebhookChannel.Outcome outcome) {
        DeliveryAttempt row = new DeliveryAttempt();
        row.pageId = page.id;
        row.attempt = attempt;
        row.channel = method.type;
        row.address = method.address;
        row.statusCode = outcome.statusCode();
        row.error = outcome.error();
        row.attemptedAt = attemptedAt;
        row.durationMs = outcome.duration().toMillis();
        return row.persist().replaceWithVoid();
    }

    private PageMessage message(Page page, PageCause cause) {
        return new PageMessage(page.id, page.ticketId, page.responderId, page.cause,
                cause == null ? null : cause.severity, PageCauses.title(page.cause, page.ticketId), page.causedAt,
                publicUrl + "/api/v1/pages/" + page.id + "/ack");
    }
}
