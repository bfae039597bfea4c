package io.tierline.ticket.intake;

import io.tierline.contracts.InvalidEventException;
import io.tierline.contracts.Severity;
import io.tierline.contracts.events.IncidentReported;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportedIncidentTest {

    private static final UUID INTEGRATION = UUID.randomUUID();
    private static final UUID CUSTOMER = UUID.randomUUID();

    @Test
    void shouldReadAnIncidentEventAsTheGenericIntakeReadsItsBody() {
        Incident incident = ReportedIncident.of(new IncidentReported(INTEGRATION, Severity.SEV2, "Queue backlog",
                "12k messages waiting", "queue-1", null)).toIncident(CUSTOMER);

        assertThat(incident).isEqualTo(new Incident(CUSTOMER, Severity.SEV2, "Queue backlog", "12k messages waiting",
                "kafka", "queue-1", AlertAction.TRIGGER, null));
    }

    @Test
    void shouldTakeABlankDedupKeyAsNoneAndTheActionsByTheirExactNames() {
        ReportedIncident reported = ReportedIncident.of(new IncidentReported(INTEGRATION, Severity.SEV4, "t", null,
                " ", "TRIGGER"));
        assertThat(reported.dedupKey()).isNull();
        assertThat(ReportedIncident.of(new IncidentReported(INTEGRATION, Severity.SEV4, "t", null, "k",
                "ACKNOWLEDGE")).action()).isEqualTo(AlertAction.ACKNOWLEDGE);
        assertThatThrownBy(() -> ReportedIncident.of(new IncidentReported(INTEGRATION, Severity.SEV4, "t", null, "k",
                "resolve")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("invalid incident: action must be one of TRIGGER, ACKNOWLEDGE, RESOLVE");
    }

    @Test
    void shouldNameEveryFaultAtOnceWithinTheRestIntakesLimits() {
        assertThatThrownBy(() -> ReportedIncident.of(new IncidentReported(null, null, " ", "d".repeat(20_001),
                "k".repeat(256), "ACKNOWLEDGE")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("invalid incident: integrationId is required; severity is required; title is required"
                        + " and must not be blank; description is longer than 20000 characters; dedupKey is longer"
                        + " than 255 characters; dedupKey is required to acknowledge an incident");
        assertThat(ReportedIncident.of(new IncidentReported(INTEGRATION, Severity.SEV1, "t".repeat(300),
                "d".repeat(20_000), "k".repeat(255), null)).title()).hasSize(300);
        assertThatThrownBy(() -> ReportedIncident.of(new IncidentReported(INTEGRATION, Severity.SEV1, "t",
                "bad \uD800 text", null, null)))
                .hasMessage("invalid incident: description must be valid Unicode (it contains an unpaired surrogate)");
    }
}
