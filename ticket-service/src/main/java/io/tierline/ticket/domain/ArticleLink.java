package io.tierline.ticket.domain;

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

/** A knowledge base article linked from a ticket, by whom and when; a pair is linked once. */
@Entity
@Table(name = "ticket_article")
@IdClass(ArticleLink.Key.class)
public class ArticleLink extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Id
    @Column(name = "article_id")
    public UUID articleId;

    @Column(name = "linked_by", nullable = false)
    public String linkedBy;

    @Column(name = "linked_at", nullable = false)
    public Instant linkedAt;

    /** The link's identity: the ticket and the article. */
    public static class Key implements Serializable {

        public UUID ticketId;
        public UUID articleId;

        public Key() {
        }

        public Key(UUID ticketId, UUID articleId) {
            this.ticketId = ticketId;
            this.articleId = articleId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(ticketId, key.ticketId)
                    && Objects.equals(articleId, key.articleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ticketId, articleId);
        }
    }
}
