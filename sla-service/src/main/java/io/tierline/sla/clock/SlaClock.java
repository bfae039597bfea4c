package io.tierline.sla.clock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** One SLA clock of one ticket. Transitions: RUNNING to MET (stopped in time) or to BREACHED (deadline passed). */
@Entity
@Table(name = "sla_clock")
public class SlaClock extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SlaClockKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClockStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Plan plan;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Column(name = "target_millis", nullable = false)
    public long targetMillis;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "warning_at", nullable = false)
    public Instant warningAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "warned_at")
    public Instant warnedAt;

    @Column(name = "breached_at")
    public Instant breachedAt;

    @Column(name = "met_at")
    public Instant metAt;

    /** The breach was announced noticeably after the deadline (the service was down or behind). */
    @Column(nullable = false)
    public boolean late;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public String timerKey() {
        return ticketId + ":" + kind;
    }

    public boolean running() {
        return status == ClockStatus.RUNNING;
    }

    /** Stops a running clock; a response after the deadline does not undo the breach. */
    public boolean stop(Instant at) {
        if (!running()) {
            return false;
        }
        status = ClockStatus.MET;
        metAt = at;
        updatedAt = at;
        return true;
    }

    public boolean warn(Instant at) {
        if (!running() || warnedAt != null) {
            return false;
        }
        warnedAt = at;
        updatedAt = at;
        return true;
    }

    public boolean breach(Instant announcedAt, boolean announcedLate) {
        if (!running()) {
            return false;
        }
        status = ClockStatus.BREACHED;
        breachedAt = dueAt;
        late = announcedLate;
        updatedAt = announcedAt;
        return true;
    }
}
