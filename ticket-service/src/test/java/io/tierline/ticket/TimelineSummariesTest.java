package io.tierline.ticket;

import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketAssigned;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.contracts.events.TicketSeverityChanged;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.contracts.events.TicketUpdated;
import io.tierline.ticket.service.TimelineSummaries;
import io.tierline.contracts.events.TicketAlertUpdated;
import io.tierline.contracts.events.TicketArticleLinked;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineSummariesTest {

    private static final UUID TICKET = UUID.randomUUID();
    private static final Instant DUE = Instant.parse("2026-11-23T03:15:00Z");

    private static String describe(io.tierline.contracts.events.TicketEvent payload) {
        return TimelineSummaries.describe(CloudEvent.of("/test", payload, DUE));
    }

    @Test
    void shouldSayWhoChangedWhatInATicket() {
        assertThat(describe(new TicketStatusChanged(TICKET, "IN_PROGRESS", "WAITING_ON_CUSTOMER", "dana",
                "asked for a HAR file", null, false, DUE)))
                .isEqualTo("Status IN_PROGRESS → WAITING_ON_CUSTOMER by dana: asked for a HAR file");
        assertThat(describe(new TicketStatusChanged(TICKET, "IN_PROGRESS", "RESOLVED", "dana", null,
                "x".repeat(300), false, DUE))).hasSize("Status IN_PROGRESS → RESOLVED by dana; resolution: ".length() + 200);
        assertThat(describe(new TicketStatusChanged(TICKET, "RESOLVED", "OPEN", "eve", null, null, true, DUE)))
                .isEqualTo("Reopened (OPEN) by eve");
        assertThat(describe(new TicketSeverityChanged(TICKET, Severity.SEV3, Severity.SEV1, "dana", DUE)))
                .isEqualTo("Severity SEV3 → SEV1 by dana");
        assertThat(describe(new TicketAssigned(TICKET, "alice", "core", null, "core", "dana", DUE)))
                .isEqualTo("Assigned to alice by dana");
        assertThat(describe(new TicketAssigned(TICKET, null, "edge", "alice", "core", "dana", DUE)))
                .isEqualTo("Unassigned; team edge by dana");
        assertThat(describe(new TicketUpdated(TICKET, List.of("title", "tags"), "dana", DUE)))
                .isEqualTo("Edited title, tags by dana");
        assertThat(describe(new TicketArticleLinked(TICKET, UUID.randomUUID(), "Payment gateway rejects expired keys",
                "dana", DUE))).isEqualTo("Article linked by dana: Payment gateway rejects expired keys");
    }

    @Test
    void shouldSayWhatHappenedInOneLine() {
        assertThat(describe(new TicketOpened(TICKET, UUID.randomUUID(), "Acme", Plan.ENTERPRISE, Severity.SEV1,
                "Checkout down", "api", "dana", DUE))).isEqualTo("Opened SEV1 ticket via api: Checkout down");
        assertThat(describe(new TicketRouted(TICKET, Tier.L2, "core", "sev1-sev2-to-l2",
                List.of(new Responder("alice", "Alice"), new Responder("bob", "Bob")), DUE)))
                .isEqualTo("Routed to L2 team core (rule sev1-sev2-to-l2); on call: alice, bob");
        assertThat(describe(new PageAcknowledged(UUID.randomUUID(), TICKET, "alice", "SLA_BREACHED:FIRST_RESPONSE",
                "alice", DUE))).isEqualTo("Page acknowledged by alice (SLA_BREACHED:FIRST_RESPONSE)");
        assertThat(describe(new PageAcknowledged(UUID.randomUUID(), TICKET, "bob", "SLA_BREACHED:FIRST_RESPONSE",
                "lead-judy", DUE))).isEqualTo("Page to bob acknowledged by lead-judy (SLA_BREACHED:FIRST_RESPONSE)");
    }

    @Test
    void shouldSayWhoPostedACommentWhenItIsNotItsAuthor() {
        assertThat(describe(new TicketCommented(TICKET, UUID.randomUUID(), "PUBLIC", "AGENT", "dana", "dana", DUE)))
                .isEqualTo("Public reply by agent dana");
        assertThat(describe(new TicketCommented(TICKET, UUID.randomUUID(), "PUBLIC", "CUSTOMER", "Rita", "dana", DUE)))
                .isEqualTo("Public reply by customer Rita (posted by dana)");
        // recorded before the poster was
        assertThat(describe(new TicketCommented(TICKET, UUID.randomUUID(), "INTERNAL", "AGENT", "dana", null, DUE)))
                .isEqualTo("Internal note by agent dana");
    }

    @Test
    void shouldSayWhatTheMonitoringSourceSaidAboutItsAlert() {
        assertThat(describe(new TicketAlertUpdated(TICKET, "pagerduty", "db1-disk", "TRIGGER", 3, "Disk full", DUE)))
                .isEqualTo("Alert fired again via pagerduty (3 occurrences)");
        assertThat(describe(new TicketAlertUpdated(TICKET, "alertmanager", "fp", "RESOLVE", 1, "x", DUE)))
                .isEqualTo("Alert resolved at the source (alertmanager); the ticket stays open");
    }

    @Test
    void shouldTellALateBreachFromAPunctualOne() {
        assertThat(describe(new SlaBreached(TICKET, SlaClockKind.FIRST_RESPONSE, Severity.SEV1, DUE, DUE,
                DUE.plusMillis(40), false))).isEqualTo("SLA breached: first response was due " + DUE);
        assertThat(describe(new SlaBreached(TICKET, SlaClockKind.FIRST_RESPONSE, Severity.SEV1, DUE, DUE,
                DUE.plusSeconds(600), true))).contains("announced late, at " + DUE.plusSeconds(600));
    }

    @Test
    void shouldSayNobodyWhenNoOneIsOnCall() {
        assertThat(describe(new TicketRouted(TICKET, Tier.L1, "frontline", null, List.of(), DUE)))
                .isEqualTo("Routed to L1 team frontline; on call: nobody");
    }
}
