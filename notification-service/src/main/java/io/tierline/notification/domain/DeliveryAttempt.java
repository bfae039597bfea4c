package io.tierline.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One try to reach a person for a page: the answer's status code, or the error when there was none. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "page_id", nullable = false)
    public UUID pageId;

    /** The delivery round (1-based); every contact method tried in a round shares it. */
    @Column(nullable = false)
    public int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ContactMethodType channel;

    @Column(nullable = false)
    public String address;

    @Column(name = "status_code")
    public Integer statusCode;

    public String error;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
