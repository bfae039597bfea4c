package io.tierline.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One way to reach a person; {@code personId} is the responder id escalation-service uses. */
@Entity
@Table(name = "contact_method")
public class ContactMethod extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "person_id", nullable = false)
    public String personId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ContactMethodType type;

    @Column(nullable = false)
    public String address;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
