package io.tierline.ticket.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A knowledge base article: a runbook or a known issue, in Markdown. Only PUBLISHED articles are suggested for
 * tickets; staff find and link drafts too. Its table also holds a generated full-text {@code search} column, which
 * only queries read.
 */
@Entity
public class Article extends PanacheEntityBase {

    /** A runbook says how to operate or repair something; a known issue describes a defect and its resolution. */
    public enum Kind { RUNBOOK, KNOWN_ISSUE }

    public enum Status { DRAFT, PUBLISHED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public String title;

    /** Markdown. */
    @Column(nullable = false)
    public String body;

    @Column(nullable = false, columnDefinition = "text[]")
    public String[] tags = new String[0];

    /** The product components it concerns: tickets of these components get it suggested first. */
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] components = new String[0];

    /** The resolved ticket it was drafted from, if any. */
    @Column(name = "source_ticket_id")
    public UUID sourceTicketId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public String[] tags() {
        return tags == null ? new String[0] : tags;
    }

    public String[] components() {
        return components == null ? new String[0] : components;
    }
}
