package io.tierline.ticket.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "ticket_comment")
public class Comment extends PanacheEntityBase {

    public enum Visibility { PUBLIC, INTERNAL }

    public enum AuthorType { AGENT, CUSTOMER }

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(nullable = false)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_type", nullable = false)
    public AuthorType authorType;

    @Column(nullable = false)
    public String author;

    /** The caller who posted it (the token's principal); null for comments from before it was recorded. */
    @Column(name = "posted_by")
    public String postedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
