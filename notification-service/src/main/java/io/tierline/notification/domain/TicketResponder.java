package io.tierline.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A person on call for a ticket, as the latest routing event named them. Written by native upserts. */
@Entity
@Table(name = "ticket_responder")
@IdClass(TicketResponder.Key.class)
public class TicketResponder extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Id
    @Column(name = "responder_id")
    public String responderId;

    public String name;

    public String tier;

    public String team;

    public static class Key implements Serializable {
        public UUID ticketId;
        public String responderId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(ticketId, other.ticketId)
                    && Objects.equals(responderId, other.responderId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ticketId, responderId);
        }
    }
}
