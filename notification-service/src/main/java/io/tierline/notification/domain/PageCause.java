package io.tierline.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Why a ticket's responders are paged, recorded once per ticket (see {@link PageCauses} for the names). */
@Entity
@Table(name = "page_cause")
@IdClass(PageCause.Key.class)
public class PageCause extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Id
    public String cause;

    public String severity;

    public String detail;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public static class Key implements Serializable {
        public UUID ticketId;
        public String cause;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(ticketId, other.ticketId)
                    && Objects.equals(cause, other.cause);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ticketId, cause);
        }
    }
}
