package io.tierline.ticket.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.commit.CommitSignals;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.config.TicketConfig;
import io.tierline.ticket.domain.Integration;
import io.tierline.ticket.domain.IntegrationKey;
import io.tierline.ticket.integration.IntegrationKeys;
import io.tierline.ticket.integration.KeyHolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Integrations and their keys: created by admins, each key shown once and stored as a hash, at most two active keys
 * per integration (so a new key can be deployed before the old one is revoked), revocable one by one or all at once.
 */
@ApplicationScoped
public class IntegrationService {

    private static final Logger LOG = Logger.getLogger(IntegrationService.class);
    public static final int MAX_ACTIVE_KEYS = 2;

    /** An integration with its keys. */
    public record IntegrationWithKeys(Integration integration, List<IntegrationKey> keys) {
    }

    /** A key just made: the only moment its value is known. */
    public record IssuedKey(IntegrationKey key, String value) {
    }

    public record Created(IntegrationWithKeys integration, IssuedKey key) {
    }

    private final Clock clock;
    private final CommitSignals signals;
    /** Keys presented lately, by hash, and what they named (or nothing): see {@link #authenticate}. */
    private final Cache<String, Optional<KeyHolder>> presented;

    IntegrationService(Clock clock, CommitSignals signals, TicketConfig config) {
        this.clock = clock;
        this.signals = signals;
        this.presented = Caffeine.newBuilder()
                .expireAfterWrite(config.integrationKeys().cacheFor())
                .maximumSize(config.integrationKeys().cacheSize())
                .build();
    }

    @WithTransaction
    public Uni<Created> create(String name, UUID customerId, String createdBy) {
        return CustomerService.named(customerId)
                .flatMap(customer -> {
                    Integration integration = new Integration();
                    integration.id = UUID.randomUUID();
                    integration.name = name;
                    integration.customerId = customer.id;
                    integration.createdAt = clock.instant();
                    integration.createdBy = createdBy;
                    return integration.persist()
                            .flatMap(persisted -> issue(integration.id))
                            .map(key -> {
                                LOG.infof("Integration %s (%s) created for customer %s by %s, key %s", integration.id,
                                        name, customerId, createdBy, key.key().id);
                                return new Created(new IntegrationWithKeys(integration, List.of(key.key())), key);
                            });
                });
    }

    @WithSession
    public Uni<List<IntegrationWithKeys>> list(UUID customerId) {
        Uni<List<Integration>> integrations = customerId == null
                ? Integration.list("order by createdAt")
                : Integration.list("customerId = ?1 order by createdAt", customerId);
        return integrations.flatMap(list -> list.isEmpty() ? Uni.createFrom().item(List.<IntegrationWithKeys>of())
                : IntegrationKey.<IntegrationKey>list("integrationId in ?1 order by createdAt",
                        list.stream().map(i -> i.id).toList())
                .map(keys -> list.stream().map(i -> new IntegrationWithKeys(i,
                        keys.stream().filter(k -> k.integrationId.equals(i.id)).toList())).toList()));
    }

    @WithSession
    public Uni<IntegrationWithKeys> get(UUID id) {
        return find(id).flatMap(this::withKeys);
    }

    /**
     * A second key for rotation: deploy it, then revoke the old one. Refused while two keys are active; the
     * integration's row is locked, so concurrent requests cannot add a third.
     */
    @WithTransaction
    public Uni<IssuedKey> addKey(UUID integrationId) {
        return findLocked(integrationId)
                .flatMap(integration -> {
                    if (integration.revoked()) {
                        return Uni.createFrom().failure(conflict("integration-revoked", "Integration revoked",
                                "Integration " + integrationId + " is revoked; create a new one"));
                    }
                    return IntegrationKey.count("integrationId = ?1 and revokedAt is null", integrationId);
                })
                .flatMap(active -> active >= MAX_ACTIVE_KEYS
                        ? Uni.createFrom().failure(conflict("too-many-keys", "Too many active keys",
                        "An integration has at most " + MAX_ACTIVE_KEYS
                                + " active keys; revoke the old key before adding another"))
                        : issue(integrationId))
                .invoke(key -> LOG.infof("Integration %s: key %s added", integrationId, key.key().id));
    }

    @WithTransaction
    public Uni<IntegrationWithKeys> revokeKey(UUID integrationId, UUID keyId) {
        Instant now = clock.instant();
        return find(integrationId)
                .flatMap(integration -> IntegrationKey.<IntegrationKey>find("id = ?1 and integrationId = ?2",
                                keyId, integrationId).firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Integration key", keyId))
                        .invoke(key -> {
                            if (key.active()) {
                                key.revokedAt = now;
                                forgetPresentedKeys();
                                LOG.infof("Integration %s: key %s revoked", integrationId, keyId);
                            }
                        })
                        .replaceWith(integration))
                .flatMap(this::withKeys);
    }

    @WithTransaction
    public Uni<IntegrationWithKeys> revoke(UUID integrationId) {
        Instant now = clock.instant();
        return findLocked(integrationId)
                .call(integration -> {
                    if (integration.revoked()) {
                        return Uni.createFrom().voidItem();
                    }
                    integration.revokedAt = now;
                    forgetPresentedKeys();
                    LOG.infof("Integration %s revoked with all its keys", integrationId);
                    return IntegrationKey.update("revokedAt = ?1 where integrationId = ?2 and revokedAt is null",
                            now, integrationId);
                })
                .flatMap(this::withKeys);
    }

    /** The holder of an active key of an active integration, if the text is one. */
    @WithSession
    public Uni<Optional<KeyHolder>> authenticate(String key) {
        if (!IntegrationKeys.looksLikeKey(key)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String hash = IntegrationKeys.hash(key);
        Optional<KeyHolder> known = presented.getIfPresent(hash);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        // the key and its integration together, in a session closed at once: the request may go on to wait for a
        // batch of alerts, and must not hold a connection meanwhile
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.createSelectionQuery("""
                        select new io.tierline.ticket.integration.KeyHolder(k.id, i.id, i.name, i.customerId)
                        from IntegrationKey k join Integration i on i.id = k.integrationId
                        where k.keyHash = ?1 and k.revokedAt is null and i.revokedAt is null""", KeyHolder.class)
                        .setParameter(1, hash)
                        .getSingleResultOrNull()))
                .map(Optional::ofNullable)
                .invoke(holder -> presented.put(hash, holder));
    }

    /** A key revoked here is refused here at once; other instances refuse it when their memory of it expires. */
    private void forgetPresentedKeys() {
        signals.afterCommit(presented::invalidateAll);
    }

    private Uni<IssuedKey> issue(UUID integrationId) {
        String value = IntegrationKeys.generate();
        IntegrationKey key = new IntegrationKey();
        key.id = UUID.randomUUID();
        key.integrationId = integrationId;
        key.keyHash = IntegrationKeys.hash(value);
        key.hint = IntegrationKeys.hint(value);
        key.createdAt = clock.instant();
        return key.persist().replaceWith(new IssuedKey(key, value));
    }

    private Uni<Integration> find(UUID id) {
        return Integration.<Integration>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Integration", id));
    }

    /** The integration, its row locked until the transaction ends: its keys change one request at a time. */
    private Uni<Integration> findLocked(UUID id) {
        return Integration.<Integration>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Integration", id));
    }

    private Uni<IntegrationWithKeys> withKeys(Integration integration) {
        return IntegrationKey.<IntegrationKey>list("integrationId = ?1 order by createdAt", integration.id)
                .map(keys -> new IntegrationWithKeys(integration, keys));
    }

    private static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail, List.of()));
    }
}
