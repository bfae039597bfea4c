package io.tierline.ticket.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One piece of an attachment's bytes; an attachment is its chunks in {@code seq} order. */
@Entity
@Table(name = "attachment_chunk")
@IdClass(AttachmentChunk.Key.class)
public class AttachmentChunk extends PanacheEntityBase {

    @Id
    @Column(name = "attachment_id")
    public UUID attachmentId;

    @Id
    public int seq;

    @Column(nullable = false)
    public byte[] data;

    public static class Key implements Serializable {
        public UUID attachmentId;
        public int seq;

        public Key() {
        }

        public Key(UUID attachmentId, int seq) {
            this.attachmentId = attachmentId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key key && seq == key.seq && Objects.equals(attachmentId, key.attachmentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(attachmentId, seq);
        }
    }
}
