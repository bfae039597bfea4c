package io.tierline.ticket.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierline.contracts.Severity;
import io.tierline.contracts.events.TicketAssigned;
import io.tierline.contracts.events.TicketEvent;
import io.tierline.contracts.events.TicketSeverityChanged;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.contracts.events.TicketUpdated;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.domain.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketEditTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TicketEdit edit = new TicketEdit(new TicketLifecycle(Duration.ofDays(14)));

    @Test
    void shouldAnswerOneEventPerKindOfChangeWithTheStatusLast() {
        Ticket ticket = ticket(TicketStatus.OPEN);

        List<TicketEvent> events = edit.apply(ticket, patch("""
                {"title":"Checkout is down in EU","component":"payments","tags":["eu","checkout","eu"],
                 "severity":"SEV2","assignee":"alice","status":"IN_PROGRESS","statusReason":"looking at logs"}"""),
                "dana", NOW);

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("TicketUpdated", "TicketSeverityChanged", "TicketAssigned", "TicketStatusChanged");
        assertThat(((TicketUpdated) events.get(0)).fields()).containsExactly("title", "component", "tags");
        assertThat((TicketSeverityChanged) events.get(1))
                .isEqualTo(new TicketSeverityChanged(ticket.id, Severity.SEV1, Severity.SEV2, "dana", NOW));
        assertThat((TicketAssigned) events.get(2))
                .isEqualTo(new TicketAssigned(ticket.id, "alice", "core", null, "core", "dana", NOW));
        assertThat((TicketStatusChanged) events.get(3)).isEqualTo(new TicketStatusChanged(ticket.id, "OPEN",
                "IN_PROGRESS", "dana", "looking at logs", null, false, NOW));
        assertThat(ticket.tags).containsExactly("eu", "checkout");
        assertThat(ticket.status).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(ticket.statusReason).isEqualTo("looking at logs");
        assertThat(ticket.updatedAt).isEqualTo(NOW);
    }

    @Test
    void shouldAnswerNoEventWhenNothingChanges() {
        Ticket ticket = ticket(TicketStatus.OPEN);
        Instant before = ticket.updatedAt;

        assertThat(edit.apply(ticket, patch("""
                {"status":"OPEN","severity":"SEV1","title":"Checkout is down","team":"core"}"""), "dana", NOW)).isEmpty();
        assertThat(ticket.updatedAt).isEqualTo(before);
    }

    @Test
    void shouldRequireAResolutionNoteToResolveAndClearItOnReopen() {
        Ticket ticket = ticket(TicketStatus.IN_PROGRESS);
        assertThatThrownBy(() -> edit.apply(ticket, patch("{\"status\":\"RESOLVED\"}"), "dana", NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("resolutionNote");
                });
        assertThat(ticket.status).isEqualTo(TicketStatus.IN_PROGRESS);

        edit.apply(ticket, patch("{\"status\":\"RESOLVED\",\"resolutionNote\":\"Rotated the expired key\"}"), "dana", NOW);
        assertThat(ticket.resolvedAt).isEqualTo(NOW);
        assertThat(ticket.resolutionNote).isEqualTo("Rotated the expired key");

        List<TicketEvent> reopened = edit.apply(ticket, patch("{\"status\":\"OPEN\",\"statusReason\":\"still failing\"}"),
                "eve", NOW.plus(Duration.ofDays(2)));
        assertThat(((TicketStatusChanged) reopened.get(0)).reopened()).isTrue();
        assertThat(ticket.resolvedAt).isNull();
        assertThat(ticket.resolutionNote).isNull();
    }

    @Test
    void shouldRefuseAForbiddenMoveWith409NamingTheAllowedOnes() {
        Ticket ticket = ticket(TicketStatus.OPEN);
        assertThatThrownBy(() -> edit.apply(ticket, patch("{\"status\":\"CLOSED\"}"), "dana", NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().detail()).isEqualTo("A ticket that is OPEN cannot move to CLOSED; it may move to"
                            + " IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED");
                    assertThat(e.problem().errors()).singleElement()
                            .satisfies(f -> assertThat(f.message()).isEqualTo("allowed: IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED"));
                });
    }

    @Test
    void shouldRefuseAnyChangeToAClosedTicketAndNotesThatDoNotFit() {
        Ticket closed = ticket(TicketStatus.CLOSED);
        assertThatThrownBy(() -> edit.apply(closed, patch("{\"assignee\":\"bob\"}"), "dana", NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(409));

        Ticket open = ticket(TicketStatus.OPEN);
        assertThatThrownBy(() -> edit.apply(open, patch("{\"resolutionNote\":\"x\",\"statusReason\":\"y\"}"), "dana", NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("resolutionNote", "statusReason"));
        assertThat(open.resolutionNote).isNull();
    }

    @Test
    void shouldUnassignAndClearOptionalFieldsWithNull() {
        Ticket ticket = ticket(TicketStatus.OPEN);
        ticket.assignee = "alice";
        ticket.component = "payments";

        List<TicketEvent> events = edit.apply(ticket, patch("{\"assignee\":null,\"component\":null}"), "dana", NOW);

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("TicketUpdated", "TicketAssigned");
        assertThat(ticket.assignee).isNull();
        assertThat(ticket.component).isNull();
        assertThat(((TicketAssigned) events.get(1)).previousAssignee()).isEqualTo("alice");
    }

    private static TicketPatch patch(String json) {
        try {
            return TicketPatch.parse(JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Ticket ticket(TicketStatus status) {
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.status = status;
        ticket.severity = Severity.SEV1;
        ticket.title = "Checkout is down";
        ticket.team = "core";
        ticket.createdAt = NOW.minusSeconds(3600);
        ticket.updatedAt = NOW.minusSeconds(3600);
        return ticket;
    }
}
