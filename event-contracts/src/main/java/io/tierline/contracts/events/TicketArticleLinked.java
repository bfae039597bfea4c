package io.tierline.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code tierline.ticket.article-linked}: someone linked a knowledge base article (a runbook or a known issue) to the
 * ticket; {@code title} is the article's title at that moment, {@code by} the caller. Linking an article already
 * linked emits nothing.
 */
public record TicketArticleLinked(UUID ticketId, UUID articleId, String title, String by, Instant linkedAt)
        implements TicketEvent {
}
