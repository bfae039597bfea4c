package io.tierline.ticket.intake;

import io.tierline.contracts.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AlertmanagerNotificationTest {

    private static final UUID CUSTOMER = UUID.randomUUID();

    @Test
    void shouldTurnEachAlertIntoAnIncidentNamedByItsFingerprint() {
        AlertmanagerNotification notification = notification(
                alert("firing", Map.of("alertname", "HighErrorRate", "severity", "critical", "service", "checkout"),
                        Map.of("summary", "5xx above 5%", "description", "Checkout answers 500"), "fp1"),
                alert("resolved", Map.of("alertname", "DiskFilling", "severity", "warning"), Map.of(), "fp2"));

        List<Incident> incidents = notification.toIncidents(CUSTOMER);

        assertThat(incidents).hasSize(2);
        Incident first = incidents.get(0);
        assertThat(first.customerId()).isEqualTo(CUSTOMER);
        assertThat(first.title()).isEqualTo("HighErrorRate: 5xx above 5%");
        assertThat(first.severity()).isEqualTo(Severity.SEV1);
        assertThat(first.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(first.dedupKey()).isEqualTo("fp1");
        assertThat(first.source()).isEqualTo("alertmanager");
        assertThat(first.description()).startsWith("Checkout answers 500").contains("service=checkout");
        Incident second = incidents.get(1);
        assertThat(second.action()).isEqualTo(AlertAction.RESOLVE);
        assertThat(second.severity()).isEqualTo(Severity.SEV3);
        assertThat(second.title()).isEqualTo("DiskFilling");
        assertThat(notification.worstSeverity()).isEqualTo(Severity.SEV1);
    }

    @Test
    void shouldNameAnAlertWithoutAnAlertnameOrWithABlankOneAlert() {
        assertThat(notification(alert("firing", Map.of("alertname", " "), Map.of(), "fp"))
                .toIncidents(CUSTOMER).get(0).title()).isEqualTo("Alert");
        assertThat(notification(alert("firing", Map.of("job", "node"), Map.of("summary", "down"), "fp"))
                .toIncidents(CUSTOMER).get(0).title()).isEqualTo("Alert: down");
    }

    @Test
    void shouldNameAnAlertWithoutFingerprintByItsLabelsWhateverTheirOrder() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "A");
        labels.put("instance", "db1");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("instance", "db1");
        reversed.put("alertname", "A");
        String one = notification(alert("firing", labels, null, null)).toIncidents(CUSTOMER).get(0).dedupKey();
        String two = notification(alert("firing", reversed, null, "")).toIncidents(CUSTOMER).get(0).dedupKey();
        String other = notification(alert("firing", Map.of("alertname", "A", "instance", "db2"), null, null))
                .toIncidents(CUSTOMER).get(0).dedupKey();
        assertThat(one).hasSize(32).isEqualTo(two).isNotEqualTo(other);
    }

    @Test
    void shouldReadSeverityLabelsLeniently() {
        assertThat(AlertmanagerNotification.severityOf(Map.of("severity", " Critical "))).isEqualTo(Severity.SEV1);
        assertThat(AlertmanagerNotification.severityOf(Map.of("severity", "major"))).isEqualTo(Severity.SEV2);
        assertThat(AlertmanagerNotification.severityOf(Map.of("severity", "info"))).isEqualTo(Severity.SEV4);
        assertThat(AlertmanagerNotification.severityOf(Map.of("severity", "whatever"))).isEqualTo(Severity.SEV3);
        assertThat(AlertmanagerNotification.severityOf(Map.of())).isEqualTo(Severity.SEV3);
    }

    @Test
    void shouldKeepTitlesWithinTheTicketLimit() {
        Incident incident = notification(alert("firing", Map.of("alertname", "A"),
                Map.of("summary", "x".repeat(5000)), "fp")).toIncidents(CUSTOMER).get(0);
        assertThat(incident.title()).hasSize(Incident.MAX_TITLE).endsWith("…");
    }

    @Test
    void shouldCarryWhenEachAlertStartedAtTheDatabasesPrecision() {
        AlertmanagerNotification.Alert alert = new AlertmanagerNotification.Alert("firing", Map.of("alertname", "A"),
                null, Instant.parse("2026-11-24T10:00:00.123456789Z"), null, null, "fp");
        AlertmanagerNotification.Alert unknownStart = new AlertmanagerNotification.Alert("firing",
                Map.of("alertname", "B"), null, null, null, null, "fp2");

        List<Incident> incidents = notification(alert, unknownStart).toIncidents(CUSTOMER);

        assertThat(incidents.get(0).startsAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00.123456Z"));
        assertThat(incidents.get(1).startsAt()).isNull();
    }

    private static AlertmanagerNotification notification(AlertmanagerNotification.Alert... alerts) {
        return new AlertmanagerNotification("4", "{}:{}", 0, "firing", "tierline", Map.of(), Map.of(), Map.of(),
                "http://alertmanager:9093", List.of(alerts));
    }

    private static AlertmanagerNotification.Alert alert(String status, Map<String, String> labels,
                                                         Map<String, String> annotations, String fingerprint) {
        return new AlertmanagerNotification.Alert(status, labels, annotations, Instant.parse("2026-11-24T10:00:00Z"),
                null, "http://prometheus/graph", fingerprint);
    }
}
