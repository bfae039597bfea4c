package io.tierline.ticket.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.tierline.contracts.Plan;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Plan plan;

    /** An IANA time zone: where the customer's business hours are. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone = "UTC";

    /** Email addresses that receive the public replies on the customer's tickets. */
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] contacts = new String[0];

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public String[] contacts() {
        return contacts == null ? new String[0] : contacts;
    }
}
