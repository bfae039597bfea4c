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

/** One responder paged for one cause of one ticket; created by a native insert that skips duplicates. */
@Entity
@Table(name = "page")
public class Page extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(name = "responder_id", nullable = false)
    public String responderId;

    @Column(nullable = false)
    public String cause;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PageStatus status;

    /** When the cause happened (e.g. the SLA deadline); page latency is measured from here. */
    @Column(name = "caused_at", nullable = false)
    public Instant causedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "failure_reason")
    public String failureReason;

    /** Only a pending page is (re)tried: an acknowledged one needs no delivery any more. */
    public boolean awaitsDelivery() {
        return status == PageStatus.PENDING;
    }

    public void delivered(Instant at) {
        status = PageStatus.DELIVERED;
        deliveredAt = at;
    }

    public void failed(String reason, Instant at) {
        status = PageStatus.FAILED;
        failureReason = reason;
        failedAt = at;
    }

    /** Returns false when the page was already acknowledged: the first ack wins and is the one announced. */
    public boolean acknowledge(String by, Instant at) {
        if (status == PageStatus.ACKNOWLEDGED) {
            return false;
        }
        status = PageStatus.ACKNOWLEDGED;
        acknowledgedBy = by;
        acknowledgedAt = at;
        return true;
    }
}
