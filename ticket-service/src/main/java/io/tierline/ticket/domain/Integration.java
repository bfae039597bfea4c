package io.tierline.ticket.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** A monitoring source or other system allowed to open incident tickets for one customer, with its own keys. */
@Entity
public class Integration extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Who created it (the admin's principal name), for the audit trail. */
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean revoked() {
        return revokedAt != null;
    }
}
