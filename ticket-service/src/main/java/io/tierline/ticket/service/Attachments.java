package io.tierline.ticket.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.TicketAttachmentAdded;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.attachment.ChunkedUpload;
import io.tierline.ticket.attachment.ContentSniffer;
import io.tierline.ticket.attachment.UploadStream;
import io.tierline.ticket.config.TicketConfig;
import io.tierline.ticket.domain.Attachment;
import io.tierline.ticket.domain.AttachmentChunk;
import io.tierline.ticket.domain.Comment;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.domain.TicketStatus;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Attachments: diagnostic artifacts uploaded to a ticket or to one of its comments. An upload is written as it
 * arrives, a chunk per short transaction, under a row in state UPLOADING that nobody sees; once the last byte is in
 * and checked, one transaction marks it STORED and puts it on the ticket's timeline. An upload that never finishes
 * leaves an UPLOADING row, deleted after an hour (see {@code AttachmentCleanup}).
 */
@ApplicationScoped
public class Attachments {

    /**
     * @param commentId      the comment it belongs to, or null for the ticket's own
     * @param expectedSha256 the SHA-256 the uploader declared (Content-Digest), checked against the bytes
     * @param customer       the customer the uploader acts for; empty for staff
     */
    public record Upload(UUID ticketId, UUID commentId, String filename, String declaredType,
                         Optional<byte[]> expectedSha256, String by, Optional<UUID> customer) {
    }

    private final TicketEvents events;
    private final TicketConfig config;
    private final Clock clock;

    Attachments(TicketEvents events, TicketConfig config, Clock clock) {
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** Takes an upload whose bytes are the request's body; answers the stored attachment. */
    public Uni<Attachment> upload(Upload upload, HttpServerRequest body) {
        ChunkedUpload chunks = new ChunkedUpload((int) config.attachments().chunkSize().asLongValue(),
                config.attachments().maxSize().asLongValue());
        int[] next = {0};
        return begin(upload)
                .flatMap(attachment -> UploadStream.read(body, chunks, chunk -> store(attachment.id, next[0]++, chunk))
                        .flatMap(read -> finish(attachment.id, upload, read, next[0]))
                        .onFailure().call(failure -> discard(attachment.id)));
    }

    /** Checks that the upload may be made and keeps its row, UPLOADING. */
    private Uni<Attachment> begin(Upload upload) {
        return Panache.withTransaction(() -> ticket(upload.ticketId(), upload.customer())
                .flatMap(ticket -> {
                    refuseClosed(ticket);
                    return upload.commentId() == null ? Uni.createFrom().nullItem() : comment(upload);
                })
                .flatMap(comment -> {
                    Attachment attachment = new Attachment();
                    attachment.id = UUID.randomUUID();
                    attachment.ticketId = upload.ticketId();
                    attachment.commentId = upload.commentId();
                    attachment.state = Attachment.State.UPLOADING;
                    attachment.filename = upload.filename();
                    attachment.declaredType = upload.declaredType();
                    attachment.customerVisible = upload.customer().isPresent()
                            || comment != null && comment.visibility == Comment.Visibility.PUBLIC;
                    attachment.uploadedBy = upload.by();
                    attachment.uploadedAt = clock.instant();
                    return attachment.<Attachment>persist();
                }));
    }

    private static Uni<Comment> comment(Upload upload) {
        return Comment.<Comment>find("id = ?1 and ticketId = ?2", upload.commentId(), upload.ticketId()).firstResult()
                .map(comment -> {
                    if (comment == null) {
                        throw ProblemException.unprocessable("unknown-comment", "Unknown comment",
                                "The ticket has no comment " + upload.commentId(),
                                List.of(new Problem.FieldError("commentId", "no such comment on this ticket")));
                    }
                    if (upload.customer().isPresent() && comment.authorType != Comment.AuthorType.CUSTOMER) {
                        throw ProblemException.forbidden("commentId", "a customer attaches files to their own replies");
                    }
                    return comment;
                });
    }

    private static void refuseClosed(Ticket ticket) {
        if (ticket.status == TicketStatus.CLOSED) {
            throw new ProblemException(Problem.of(409, "ticket-closed", "Ticket is closed",
                    "A CLOSED ticket takes no more attachments; open a new ticket", List.of()));
        }
    }

    private static Uni<Void> store(UUID attachmentId, int seq, byte[] data) {
        AttachmentChunk chunk = new AttachmentChunk();
        chunk.attachmentId = attachmentId;
        chunk.seq = seq;
        chunk.data = data;
        return Panache.withTransaction(chunk::persist).replaceWithVoid();
    }

    /** Checks what arrived and, with the ticket locked, makes the attachment part of it. */
    private Uni<Attachment> finish(UUID attachmentId, Upload upload, ChunkedUpload read, int chunkCount) {
        byte[] sha256 = read.sha256();
        if (read.size() == 0) {
            throw ProblemException.unprocessable("empty-attachment", "Empty attachment",
                    "The upload has no bytes", List.of(new Problem.FieldError("body", "is empty")));
        }
        upload.expectedSha256().ifPresent(expected -> {
            if (!MessageDigest.isEqual(expected, sha256)) {
                throw ProblemException.unprocessable("digest-mismatch", "Content-Digest does not match",
                        "The bytes that arrived do not have the SHA-256 the Content-Digest header names",
                        List.of(new Problem.FieldError("Content-Digest", "does not match the body")));
            }
        });
        String contentType = ContentSniffer.sniff(read.head(), upload.filename());
        return Panache.withTransaction(() -> Ticket.forChange(upload.ticketId())
                .flatMap(ticket -> {
                    refuseClosed(ticket);
                    return Attachment.<Attachment>findById(attachmentId);
                })
                .flatMap(attachment -> {
                    Instant now = clock.instant();
                    attachment.state = Attachment.State.STORED;
                    attachment.sizeBytes = read.size();
                    attachment.chunkCount = chunkCount;
                    attachment.sha256 = ChunkedUpload.hex(sha256);
                    attachment.contentType = contentType;
                    attachment.uploadedAt = now;
                    return events.emit(new TicketAttachmentAdded(attachment.ticketId, attachment.id,
                                    attachment.commentId, attachment.filename, contentType, attachment.sizeBytes,
                                    attachment.sha256, attachment.customerVisible, attachment.uploadedBy, now))
                            .replaceWith(attachment);
                }));
    }

    /** Deletes what a failed upload wrote (its chunks go with it); if this fails too, the cleanup gets it later. */
    private static Uni<Void> discard(UUID attachmentId) {
        return Panache.withTransaction(() -> Attachment.delete("id = ?1 and state = ?2", attachmentId,
                        Attachment.State.UPLOADING))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /**
     * The ticket's stored attachments, oldest first; a customer gets only those shown to them. An unknown ticket, or
     * another customer's, is a 404.
     */
    @WithSession
    public Uni<List<Attachment>> of(UUID ticketId, Optional<UUID> customer) {
        return ticket(ticketId, customer).flatMap(ticket -> Attachment.<Attachment>find("ticketId = ?1 and state = ?2"
                + (customer.isPresent() ? " and customerVisible" : "") + " order by uploadedAt, id",
                ticketId, Attachment.State.STORED).list());
    }

    /** A stored attachment of the ticket; a 404 when there is none, or when a customer may not see it. */
    @WithSession
    public Uni<Attachment> get(UUID ticketId, UUID attachmentId, Optional<UUID> customer) {
        return ticket(ticketId, customer)
                .flatMap(ticket -> Attachment.<Attachment>find("id = ?1 and ticketId = ?2 and state = ?3",
                        attachmentId, ticketId, Attachment.State.STORED).<Attachment>firstResult())
                .map(attachment -> {
                    if (attachment == null || customer.isPresent() && !attachment.customerVisible) {
                        throw ProblemException.notFound("Attachment", attachmentId);
                    }
                    return attachment;
                });
    }

    private static Uni<Ticket> ticket(UUID ticketId, Optional<UUID> customer) {
        return Ticket.<Ticket>findById(ticketId).map(ticket -> {
            if (ticket == null || customer.isPresent() && !customer.get().equals(ticket.customerId)) {
                throw ProblemException.notFound("Ticket", ticketId);
            }
            return ticket;
        });
    }

    /** The attachment's bytes, a chunk at a time, each read when the one before has been written out. */
    public Multi<byte[]> content(Attachment attachment) {
        return Multi.createFrom().range(0, attachment.chunkCount)
                .onItem().transformToUniAndConcatenate(seq -> Panache.withSession(() -> AttachmentChunk
                        .<AttachmentChunk>findById(new AttachmentChunk.Key(attachment.id, seq))
                        .map(chunk -> {
                            if (chunk == null) {
                                throw new IllegalStateException("attachment " + attachment.id + " lacks chunk " + seq);
                            }
                            return chunk.data;
                        })));
    }

    /** The attachments a reproduction package names that are not the ticket's stored ones. */
    public static Uni<List<UUID>> unknown(UUID ticketId, List<UUID> attachmentIds) {
        if (attachmentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Attachment.<Attachment>find("ticketId = ?1 and state = ?2 and id in ?3", ticketId,
                        Attachment.State.STORED, attachmentIds).list()
                .map(found -> attachmentIds.stream()
                        .filter(id -> found.stream().noneMatch(attachment -> attachment.id.equals(id)))
                        .toList());
    }
}
