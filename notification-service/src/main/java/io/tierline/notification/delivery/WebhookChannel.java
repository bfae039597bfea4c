package io.tierline.notification.delivery;

import io.smallrye.mutiny.Uni;
import io.tierline.notification.config.NotificationConfig;
import io.vertx.core.Context;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a page as JSON to a webhook. Never fails: an error or a timeout is an outcome to record like an answer.
 * <p>
 * One pooled client for every page: connections to a host are kept alive and reused, at most
 * {@code max-connections-per-host} of them, so a storm of pages to one receiver does not open a connection (and a
 * TLS handshake) per page. A request waiting for a pooled connection counts against its {@code timeout}.
 */
@ApplicationScoped
public class WebhookChannel {

    /**
     * What one request got: the HTTP status, or the error when no answer came. The error is the failure as it came,
     * which may repeat the address: {@link #safeFor} before storing, logging or publishing it.
     */
    public record Outcome(Integer statusCode, String error, Duration duration) {

        /** This outcome with its error made safe to keep ({@link ErrorTexts#safe}): the address redacted, then cut. */
        public Outcome safeFor(String address) {
            return new Outcome(statusCode, ErrorTexts.safe(error, address), duration);
        }

        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        /** The reason to report when this was the last try. */
        public String reason() {
            return statusCode != null ? "HTTP " + statusCode : error;
        }
    }

    private static final int KEEP_ALIVE_SECONDS = 30;

    private final WebClient client;
    private final Duration timeout;

    WebhookChannel(Vertx vertx, NotificationConfig config) {
        this.timeout = config.delivery().timeout();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setFollowRedirects(false)
                .setUserAgent("tierline-notification-service")
                .setMaxPoolSize(config.delivery().maxConnectionsPerHost())
                .setKeepAlive(true)
                // shorter than most servers keep an idle connection, so a reused one is rarely closed under us
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Outcome> send(String address, PageMessage message) {
        long started = System.nanoTime();
        // The caller runs on the Vert.x context its delivery round records the answer on (Hibernate Reactive binds
        // its session to it): whatever thread the answer (or a timeout) arrives on, carry on there.
        Context caller = io.vertx.core.Vertx.currentContext();
        Uni<Outcome> outcome = Uni.createFrom().deferred(() -> client.postAbs(address)
                        .timeout(timeout.toMillis())
                        .putHeader("X-Tierline-Page-Id", message.pageId().toString())
                        .as(BodyCodec.none())
                        .sendJsonObject(message.toJson()))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout))
                .map(response -> new Outcome(response.statusCode(), null, since(started)))
                .onFailure().recoverWithItem(failure -> new Outcome(null, describe(failure), since(started)));
        return caller == null ? outcome : outcome.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
