package io.tierline.ticket.knowledge;

import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.domain.TicketStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleDraftTest {

    @Test
    void shouldWriteTheDescriptionAsSymptomsAndTheResolutionNoteAsResolution() {
        ArticleDraft draft = ArticleDraft.of("Checkout is down", "HTTP 500 on every payment\r\n\r\n- EU only\n",
                "Rotated the expired payment key", List.of("checkout", "eu"), "payments");

        assertThat(draft.title()).isEqualTo("Checkout is down");
        assertThat(draft.body()).isEqualTo("""
                ## Symptoms

                HTTP 500 on every payment

                - EU only

                ## Resolution

                Rotated the expired payment key
                """);
        assertThat(draft.tags()).containsExactly("checkout", "eu");
        assertThat(draft.components()).containsExactly("payments");
    }

    @Test
    void shouldSayWhatTheTicketDidNotTellRatherThanLeaveASectionEmpty() {
        ArticleDraft draft = ArticleDraft.of("Slow exports", null, " ", List.of(), null);

        assertThat(draft.body()).contains("## Symptoms\n\n" + ArticleDraft.NO_DESCRIPTION)
                .contains("## Resolution\n\n" + ArticleDraft.NO_RESOLUTION);
        assertThat(draft.components()).isEmpty();
    }

    @Test
    void shouldDraftFromAResolvedOrClosedTicketOnly() {
        for (TicketStatus status : TicketStatus.values()) {
            Ticket ticket = ticket(status);
            if (status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED) {
                assertThat(ArticleDraft.from(ticket).body()).contains("Rotated the key");
            } else {
                assertThatThrownBy(() -> ArticleDraft.from(ticket)).isInstanceOf(ProblemException.class)
                        .satisfies(e -> {
                            ProblemException problem = (ProblemException) e;
                            assertThat(problem.problem().status()).isEqualTo(409);
                            assertThat(problem.problem().errors()).extracting(f -> f.field()).containsExactly("ticketId");
                        })
                        .hasMessageContaining(status.name());
            }
        }
    }

    @Test
    void shouldFitTheLongestTicketIntoAnArticle() {
        ArticleDraft draft = ArticleDraft.of("t".repeat(300), "d".repeat(20_000), "r".repeat(20_000),
                List.of(), "c".repeat(100));

        assertThat(draft.title()).hasSizeLessThanOrEqualTo(ArticlePatch.MAX_TITLE);
        assertThat(draft.body()).hasSizeLessThanOrEqualTo(ArticlePatch.MAX_BODY);
        assertThat(draft.components().get(0)).hasSizeLessThanOrEqualTo(ArticlePatch.MAX_COMPONENT_LENGTH);
    }

    private static Ticket ticket(TicketStatus status) {
        Ticket ticket = new Ticket();
        ticket.title = "Checkout is down";
        ticket.description = "HTTP 500";
        ticket.status = status;
        ticket.resolutionNote = "Rotated the key";
        ticket.tags = new String[]{"checkout"};
        return ticket;
    }
}
