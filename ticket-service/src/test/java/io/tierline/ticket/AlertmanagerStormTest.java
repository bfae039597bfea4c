package io.tierline.ticket;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tierline.contracts.EventTypes;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A fleet-wide outage: Alertmanager sends a group of thousands of alerts in one notification, which is taken whole,
 * in one request: every alert one ticket and one TicketOpened, a resend changes nothing, and a notification mixing
 * new, repeated and resolved alerts applies each as if it came alone.
 */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class AlertmanagerStormTest {

    private static final String ADMIN = TestTokens.bearer("admin");
    private static final String STARTED = "2026-11-24T10:00:00.123456789Z";

    @Inject
    AgroalDataSource dataSource;

    /** One alert as Alertmanager sends it for a node-exporter rule: its labels, annotations and links. */
    record Alert(int node, String status, String startsAt) {

        String fingerprint() {
            return "%016x".formatted(0x9e3779b97f4a7c15L * (node + 1));
        }

        String severity() {
            return switch (node % 3) {
                case 0 -> "critical";
                case 1 -> "warning";
                default -> "info";
            };
        }

        String json() {
            String instance = "node-%05d:9100".formatted(node);
            return """
                    {"status":"%s","labels":{"alertname":"NodeDown","instance":"%s","job":"node","severity":"%s"},\
                    "annotations":{"summary":"%s is down","runbook_url":"https://runbooks.example.net/NodeDown"},\
                    "startsAt":"%s","endsAt":"%s","generatorURL":"http://prometheus:9090/graph?g0.expr=up+%%3D%%3D+0",\
                    "fingerprint":"%s"}"""
                    .formatted(status, instance, severity(), instance, startsAt,
                            "resolved".equals(status) ? "2026-11-24T12:00:00Z" : "0001-01-01T00:00:00Z",
                            fingerprint());
        }
    }

    static String notification(List<Alert> alerts) {
        boolean firing = alerts.stream().anyMatch(alert -> "firing".equals(alert.status()));
        StringBuilder body = new StringBuilder("""
                {"version":"4","groupKey":"{}:{alertname=\\"NodeDown\\"}","truncatedAlerts":0,"status":"%s",\
                "receiver":"tierline","groupLabels":{"alertname":"NodeDown"},\
                "commonLabels":{"alertname":"NodeDown","job":"node"},\
                "commonAnnotations":{"runbook_url":"https://runbooks.example.net/NodeDown"},\
                "externalURL":"http://alertmanager-0:9093","alerts":["""
                .formatted(firing ? "firing" : "resolved"));
        for (int i = 0; i < alerts.size(); i++) {
            body.append(i == 0 ? "" : ",").append(alerts.get(i).json());
        }
        return body.append("]}").toString();
    }

    static List<Alert> firing(int from, int to, String startsAt) {
        return IntStream.range(from, to).mapToObj(node -> new Alert(node, "firing", startsAt)).toList();
    }

    private static JsonPath post(String key, String notification) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(notification)
                .post("/integrations/alertmanager")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldTakeATenThousandAlertNotificationWholeAndChangeNothingWhenItIsSentAgain() throws Exception {
        IntegrationKeyIntakeTest.Created created = IntegrationKeyIntakeTest.integration("ENTERPRISE");
        UUID customer = UUID.fromString(created.customerId());
        List<Alert> alerts = firing(0, 10_000, STARTED);
        String notification = notification(alerts);
        // what Alertmanager sends for a group of ten thousand node alerts: about 3 MB
        assertThat(notification.getBytes(StandardCharsets.UTF_8).length).isBetween(2_500_000, 4_000_000);

        JsonPath answer = post(created.key(), notification);
        assertThat(answer.getInt("alerts")).isEqualTo(10_000);
        assertThat(answer.getList("results.outcome", String.class)).hasSize(10_000).containsOnly("OPENED");
        // results in the order the alerts were sent, each its own ticket
        List<String> fingerprints = alerts.stream().map(Alert::fingerprint).toList();
        assertThat(answer.getList("results.dedupKey", String.class)).isEqualTo(fingerprints);
        List<String> ticketIds = answer.getList("results.ticketId", String.class);
        assertThat(ticketIds).doesNotHaveDuplicates().doesNotContainNull();

        assertThat(rows("select count(*), count(distinct dedup_key), min(occurrences), max(occurrences)"
                + " from ticket where customer_id = ? and source = 'alertmanager'", customer))
                .containsExactly(List.<Object>of(10_000L, 10_000L, 1, 1));
        // one TicketOpened per ticket, in the outbox (so on Kafka) and on its timeline
        assertThat(rows("select count(*), count(distinct o.message_key) from outbox o"
                + " join ticket t on o.message_key = t.id::text where t.customer_id = ? and o.event_type = '"
                + EventTypes.TICKET_OPENED + "'", customer)).containsExactly(List.<Object>of(10_000L, 10_000L));
        assertThat(rows("select count(*) from outbox o join ticket t on o.message_key = t.id::text"
                + " where t.customer_id = ?", customer)).containsExactly(List.<Object>of(10_000L));
        assertThat(rows("select count(*), count(distinct e.ticket_id) from timeline_entry e"
                + " join ticket t on e.ticket_id = t.id where t.customer_id = ? and e.event_type = '"
                + EventTypes.TICKET_OPENED + "'", customer)).containsExactly(List.<Object>of(10_000L, 10_000L));
        // the events are numbered in the order the alerts were applied (dedup-key order), as one at a time would
        List<String> sorted = fingerprints.stream().sorted().toList();
        assertThat(column("select t.dedup_key from outbox o join ticket t on o.message_key = t.id::text"
                + " where t.customer_id = ? order by o.id", customer)).isEqualTo(sorted);
        assertThat(column("select t.dedup_key from timeline_entry e join ticket t on e.ticket_id = t.id"
                + " where t.customer_id = ? order by e.id", customer)).isEqualTo(sorted);

        // each ticket is what one alert alone would have opened
        int node = 4_243;
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketIds.get(node)).then().statusCode(200)
                .body("title", equalTo("NodeDown: node-04243:9100 is down"))
                .body("severity", equalTo("SEV3"))
                .body("status", equalTo("NEW"))
                .body("source", equalTo("alertmanager"))
                .body("dedupKey", equalTo(alerts.get(node).fingerprint()))
                .body("openedBy", equalTo("integration:" + created.integrationId()))
                .body("occurrences", equalTo(1));
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + ticketIds.get(node) + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED)))
                .body("[0].data.customerId", equalTo(created.customerId()))
                .body("[0].data.severity", equalTo("SEV3"));

        // Alertmanager re-sends the group every repeat_interval: nothing new, nothing written
        List<List<Object>> before = rows("select sum(version), sum(occurrences), max(updated_at) from ticket"
                + " where customer_id = ?", customer);
        JsonPath again = post(created.key(), notification);
        assertThat(again.getList("results.outcome", String.class)).hasSize(10_000).containsOnly("RESENT");
        assertThat(again.getList("results.ticketId", String.class)).isEqualTo(ticketIds);
        assertThat(rows("select sum(version), sum(occurrences), max(updated_at) from ticket where customer_id = ?",
                customer)).isEqualTo(before);
        assertThat(rows("select count(*) from outbox o join ticket t on o.message_key = t.id::text"
                + " where t.customer_id = ?", customer)).containsExactly(List.<Object>of(10_000L));
        assertThat(rows("select count(*) from timeline_entry e join ticket t on e.ticket_id = t.id"
                + " where t.customer_id = ?", customer)).containsExactly(List.<Object>of(10_000L));
    }

    @Test
    void shouldApplyALargeNotificationMixingNewRepeatedAndResolvedAlertsAsIfEachCameAlone() throws Exception {
        IntegrationKeyIntakeTest.Created created = IntegrationKeyIntakeTest.integration("ENTERPRISE");
        UUID customer = UUID.fromString(created.customerId());
        JsonPath first = post(created.key(), notification(firing(0, 4_000, STARTED)));
        List<String> firstTickets = first.getList("results.ticketId", String.class);

        String laterStart = "2026-11-24T11:30:00Z";
        List<Alert> mixed = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int node = 0; node < 4_000; node++) {
            // the first thousand resolved, the second fired again (a new start), the rest re-sent unchanged
            Alert alert = node < 1_000 ? new Alert(node, "resolved", STARTED)
                    : node < 2_000 ? new Alert(node, "firing", laterStart) : new Alert(node, "firing", STARTED);
            mixed.add(alert);
            expected.put(alert.fingerprint(), node < 1_000 ? "RESOLVED" : node < 2_000 ? "RECURRED" : "RESENT");
        }
        for (int node = 4_000; node < 5_000; node++) {
            mixed.add(new Alert(node, "firing", laterStart));
            expected.put(new Alert(node, "firing", laterStart).fingerprint(), "OPENED");
        }
        for (int node = 5_000; node < 5_500; node++) {
            // resolved before this service ever saw them fire: nothing to do
            mixed.add(new Alert(node, "resolved", laterStart));
            expected.put(new Alert(node, "resolved", laterStart).fingerprint(), "IGNORED");
        }
        java.util.Collections.shuffle(mixed, new java.util.Random(7));

        JsonPath answer = post(created.key(), notification(mixed));
        List<String> keys = answer.getList("results.dedupKey", String.class);
        List<String> outcomes = answer.getList("results.outcome", String.class);
        assertThat(keys).isEqualTo(mixed.stream().map(Alert::fingerprint).toList());
        for (int i = 0; i < keys.size(); i++) {
            assertThat(outcomes.get(i)).as(keys.get(i)).isEqualTo(expected.get(keys.get(i)));
        }

        assertThat(rows("select count(*) filter (where alert_resolved_at is not null),"
                + " count(*) filter (where occurrences = 2), count(*) from ticket where customer_id = ?", customer))
                .containsExactly(List.<Object>of(1_000L, 1_000L, 5_000L));
        assertThat(rows("select o.event_type, count(*) from outbox o join ticket t on o.message_key = t.id::text"
                + " where t.customer_id = ? group by o.event_type order by o.event_type", customer))
                .containsExactly(List.<Object>of(EventTypes.TICKET_ALERT_UPDATED, 2_000L),
                        List.<Object>of(EventTypes.TICKET_OPENED, 5_000L));
        // a resolved alert's ticket shows the resolution, a recurred one its second firing
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + firstTickets.get(10) + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_ALERT_UPDATED)))
                .body("[1].data.action", equalTo("RESOLVE"));
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + firstTickets.get(1_500)).then()
                .body("occurrences", equalTo(2)).body("alertResolvedAt", equalTo(null));

        // resolved, an alert firing again is a new ticket; the others count on theirs
        JsonPath again = post(created.key(), notification(firing(999, 1_001, "2026-11-24T13:00:00Z")));
        assertThat(again.getList("results.outcome", String.class)).containsExactly("OPENED", "RECURRED");
        assertThat(again.getString("results[0].ticketId")).isNotEqualTo(firstTickets.get(999));
        assertThat(again.getString("results[1].ticketId")).isEqualTo(firstTickets.get(1_000));
    }

    @Test
    void shouldApplyAnAlertFiringAndResolvedInOneNotificationInTheOrderSent() throws Exception {
        IntegrationKeyIntakeTest.Created created = IntegrationKeyIntakeTest.integration("ENTERPRISE");
        UUID customer = UUID.fromString(created.customerId());
        // one alert twice in one notification (no Alertmanager does that, another sender may): applied in order
        List<Alert> alerts = List.of(new Alert(1, "firing", STARTED), new Alert(2, "firing", STARTED),
                new Alert(1, "resolved", STARTED), new Alert(1, "firing", "2026-11-24T10:05:00Z"));
        JsonPath answer = post(created.key(), notification(alerts));
        assertThat(answer.getList("results.outcome", String.class))
                .containsExactly("OPENED", "OPENED", "RESOLVED", "OPENED");
        assertThat(answer.getString("results[2].ticketId")).isEqualTo(answer.getString("results[0].ticketId"));
        assertThat(answer.getString("results[3].ticketId")).isNotEqualTo(answer.getString("results[0].ticketId"));
        assertThat(rows("select count(*), count(*) filter (where alert_resolved_at is null) from ticket"
                + " where customer_id = ?", customer)).containsExactly(List.<Object>of(3L, 2L));
        given().header("Authorization", ADMIN).get("/api/v1/tickets/" + answer.getString("results[0].ticketId")
                        + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_ALERT_UPDATED)))
                .body("[1].data.action", equalTo("RESOLVE"));
    }

    private List<List<Object>> rows(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private List<Object> column(String sql, Object parameter) throws Exception {
        return rows(sql, parameter).stream().map(row -> row.get(0)).toList();
    }
}
