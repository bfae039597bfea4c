package io.tierline.platform.timer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A pending deadline; (kind, key) names it, so scheduling the same timer twice moves it instead of doubling it. */
@Entity
@Table(name = "timer")
public class DurableTimer extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String kind;

    @Column(name = "timer_key", nullable = false)
    public String key;

    /** When the poller may fire it: the scheduled time, later while a failed handler is retried. */
    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    /** The deadline as scheduled; lateness is measured against it. */
    @Column(name = "scheduled_for", nullable = false)
    public Instant scheduledFor;

    public String payload;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
