package io.tierline.ticket.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One key of an integration. Only the key's SHA-256 is stored; the key itself was shown once, at creation. */
@Entity
@Table(name = "integration_key")
public class IntegrationKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "integration_id", nullable = false)
    public UUID integrationId;

    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    /** The first and last characters, to tell keys apart. */
    @Column(nullable = false)
    public String hint;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean active() {
        return revokedAt == null;
    }
}
