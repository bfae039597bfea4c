package io.tierline.platform.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Records each caller's idempotency keys in the service's {@code idempotency_key} table. A claim commits before the
 * request runs, so a concurrent request with the same key finds it (the unique caller and key make the second
 * insert wait for the first and then do nothing); the answer is recorded in a transaction of its own afterwards.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final Clock clock;
    private final Duration retention;
    private final Duration inProgressTimeout;

    IdempotencyStore(Clock clock, PlatformConfig config) {
        this.clock = clock;
        this.retention = config.idempotency().retention();
        this.inProgressTimeout = config.idempotency().inProgressTimeout();
    }

    /** Claims the caller's key for a request with this fingerprint, or says why it may not run. */
    Uni<Claim> claim(String caller, IdempotencyKey key, String fingerprint) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> Panache.getSession()
                // a key past its retention is forgotten even before the cleanup gets to it; a claim whose request
                // never answered (its instance stopped mid-request) is given up so the key can be used again
                .flatMap(session -> session.createNativeQuery("""
                                delete from idempotency_key
                                where caller = :caller and idem_key = :key
                                  and (created_at < :expired or completed_at is null and created_at < :abandoned)""")
                        .setParameter("caller", caller)
                        .setParameter("key", key.value())
                        .setParameter("expired", now.minus(retention))
                        .setParameter("abandoned", now.minus(inProgressTimeout))
                        .executeUpdate()
                        .flatMap(ignored -> session.createNativeQuery("""
                                        insert into idempotency_key (id, caller, idem_key, fingerprint, created_at)
                                        values (:id, :caller, :key, :fingerprint, :now)
                                        on conflict (caller, idem_key) do nothing""")
                                .setParameter("id", id)
                                .setParameter("caller", caller)
                                .setParameter("key", key.value())
                                .setParameter("fingerprint", fingerprint)
                                .setParameter("now", now)
                                .executeUpdate()))
                .flatMap(inserted -> inserted > 0 ? Uni.createFrom().item(new Claim.Granted(id))
                        : IdempotencyRecord.<IdempotencyRecord>find("caller = ?1 and key = ?2", caller, key.value())
                                .firstResult()
                                // gone since the insert met it: its request failed a moment ago; the client retries
                                .map(existing -> existing == null ? new Claim.InUse()
                                        : Claim.forExisting(existing, fingerprint))));
    }

    /**
     * Records the answer to the claimed request, to be sent again to every retry.
     *
     * @param withheld the answer held a secret: its body is not given (null), and retries are told so instead
     */
    Uni<Void> complete(UUID id, StoredAnswer answer, boolean withheld) {
        return Panache.withTransaction(() -> IdempotencyRecord.update("""
                        completedAt = :now, status = :status, contentType = :contentType, location = :location,
                        etag = :etag, body = :body, answerWithheld = :withheld
                        where id = :id and completedAt is null""",
                Parameters.with("now", clock.instant())
                        .and("status", answer.status())
                        .and("contentType", answer.contentType())
                        .and("location", answer.location())
                        .and("etag", answer.etag())
                        .and("body", answer.body())
                        .and("withheld", withheld)
                        .and("id", id))).replaceWithVoid();
    }

    /** Forgets the claim (its request failed), so a retry with the same key runs again. */
    Uni<Void> release(UUID id) {
        return Panache.withTransaction(() -> IdempotencyRecord.delete("id", id)).replaceWithVoid();
    }
}
