package io.tierline.ticket.knowledge;

import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.domain.TicketStatus;

import java.util.List;

/**
 * A known-issue article drafted from a resolved ticket, so what one engineer learnt is written down while it is fresh:
 * the ticket's title, its description as the symptoms, its resolution note as the resolution, its tags, and its
 * component. The author edits and publishes it from there.
 */
public record ArticleDraft(String title, String body, List<String> tags, List<String> components) {

    static final String NO_DESCRIPTION = "_The ticket had no description._";
    static final String NO_RESOLUTION = "_The ticket had no resolution note._";

    /** The draft for the ticket; a 409 when it is not RESOLVED or CLOSED (its resolution is not known yet). */
    public static ArticleDraft from(Ticket ticket) {
        if (ticket.status != TicketStatus.RESOLVED && ticket.status != TicketStatus.CLOSED) {
            String why = "is " + ticket.status + "; an article is drafted from a RESOLVED or CLOSED ticket";
            throw new ProblemException(Problem.of(409, "ticket-not-resolved", "Ticket not resolved",
                    "The ticket " + why, List.of(new Problem.FieldError("ticketId", why))));
        }
        return of(ticket.title, ticket.description, ticket.resolutionNote, List.of(ticket.tags()), ticket.component);
    }

    /** The draft for a ticket with this text; {@code description}, {@code resolutionNote} and {@code component} may be null. */
    public static ArticleDraft of(String title, String description, String resolutionNote, List<String> tags,
                                  String component) {
        String body = "## Symptoms\n\n" + section(description, NO_DESCRIPTION)
                + "\n\n## Resolution\n\n" + section(resolutionNote, NO_RESOLUTION) + "\n";
        return new ArticleDraft(title, body, List.copyOf(tags),
                component == null || component.isBlank() ? List.of() : List.of(component));
    }

    /** The text as written (Markdown passes through), Windows line ends made Unix ones, or the placeholder. */
    private static String section(String text, String none) {
        if (text == null || text.isBlank()) {
            return none;
        }
        return text.replace("\r\n", "\n").strip();
    }
}
