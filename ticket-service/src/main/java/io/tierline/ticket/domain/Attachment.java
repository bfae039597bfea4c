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

/**
 * A diagnostic artifact uploaded to a ticket or to one of its comments. Its bytes are rows of
 * {@code attachment_chunk}, written as the upload arrives; only a {@link State#STORED} attachment is shown or served.
 */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {

    public enum State { UPLOADING, STORED }

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(name = "comment_id")
    public UUID commentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public String filename;

    /** The Content-Type the uploader sent; kept for the record, never trusted. */
    @Column(name = "declared_type")
    public String declaredType;

    /** What the bytes are, sniffed from the first of them and the file name. */
    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** How many chunks hold the bytes (numbered from 0). */
    @Column(name = "chunk_count", nullable = false)
    public int chunkCount;

    /** Hex SHA-256 of the bytes. */
    public String sha256;

    /** Shown to the customer: they uploaded it, or it belongs to a public reply. */
    @Column(name = "public", nullable = false)
    public boolean customerVisible;

    @Column(name = "uploaded_by", nullable = false)
    public String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;
}
