package io.tierline.ticket.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.Tier;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
public class Ticket extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    /** The customer's plan when the ticket was opened; SLA targets follow it. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Plan plan;

    @Column(nullable = false)
    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    @Enumerated(EnumType.STRING)
    public Tier tier;

    public String team;

    /** Who works on it now (a person's id), if anyone. */
    public String assignee;

    /** The product component concerned. */
    public String component;

    /** Where it happens (production, staging, a region, an OS), as the reporter names it. */
    public String environment;

    /** The product version it happens in. */
    @Column(name = "product_version")
    public String productVersion;

    @Column(nullable = false, columnDefinition = "text[]")
    public String[] tags = new String[0];

    /** Why it is in its status, as given with the last change of status. */
    @Column(name = "status_reason")
    public String statusReason;

    /** How it was resolved: required to resolve, cleared when it is reopened. */
    @Column(name = "resolution_note")
    public String resolutionNote;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** The problem ticket behind this one, if it is linked to one: resolving the problem resolves this ticket. */
    @Column(name = "problem_id")
    public UUID problemId;

    /** When one of its SLA clocks first breached (from sla-service's events), if ever. */
    @Column(name = "breached_at")
    public Instant breachedAt;

    /** When an agent first replied publicly: the first response. */
    @Column(name = "first_responded_at")
    public Instant firstRespondedAt;

    @Column(nullable = false)
    public String source;

    /** For incident tickets: the source's name for the alert; while the ticket is open, the same key updates it. */
    @Column(name = "dedup_key")
    public String dedupKey;

    /** Who opened it: a token's principal, or {@code integration:<id>}; null for tickets from before it was recorded. */
    @Column(name = "opened_by")
    public String openedBy;

    /** How many times the alert behind an incident ticket has fired. */
    @Column(nullable = false)
    public int occurrences = 1;

    /**
     * When the firing last counted began, as the source said (Alertmanager's {@code startsAt}); null when the source
     * names no start.
     */
    @Column(name = "alert_starts_at")
    public Instant alertStartsAt;

    /** When the source said the alert behind this incident ticket ended; from then on its dedup key is free. */
    @Column(name = "alert_resolved_at")
    public Instant alertResolvedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /**
     * The ticket, its row locked until the transaction ends: every change to a ticket (an edit, a comment, an
     * escalation, a routing) goes through here, so concurrent changes apply one after the other instead of one of
     * them failing on the version.
     */
    public static Uni<Ticket> forChange(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public String[] tags() {
        return tags == null ? new String[0] : tags;
    }

    /**
     * An agent replied publicly: the first such reply is the first response, and a NEW ticket becomes OPEN.
     *
     * @return whether it was the first response
     */
    public boolean respondedByAgent(Instant at) {
        if (status == TicketStatus.NEW) {
            status = TicketStatus.OPEN;
        }
        updatedAt = at;
        if (firstRespondedAt == null) {
            firstRespondedAt = at;
            return true;
        }
        return false;
    }

    /** Open: not RESOLVED or CLOSED, so the customer is owed updates. */
    public boolean isOpen() {
        return status != TicketStatus.RESOLVED && status != TicketStatus.CLOSED;
    }

    /**
     * Whether a trigger is the firing already counted, re-sent: Alertmanager repeats a firing alert with the start
     * it began with. A trigger that names no start (other sources) is always a new firing.
     */
    public boolean isCountedFiring(Instant startsAt) {
        return startsAt != null && startsAt.equals(alertStartsAt);
    }

    /** The alert behind this incident ticket fired again (began at {@code startsAt}, if the source says). */
    public void recurred(Instant startsAt, Instant at) {
        occurrences++;
        alertStartsAt = startsAt;
        updatedAt = at;
    }

    /** The source resolved the alert: the ticket stays as it is, but the alert's next firing is a new ticket. */
    public void alertResolved(Instant at) {
        alertResolvedAt = at;
        updatedAt = at;
    }

    public void routed(Tier tier, String team, Instant at) {
        this.tier = tier;
        this.team = team;
        this.updatedAt = at;
    }
}
