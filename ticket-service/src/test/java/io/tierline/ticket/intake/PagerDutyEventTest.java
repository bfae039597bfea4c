package io.tierline.ticket.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierline.contracts.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PagerDutyEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz234567";

    @Test
    void shouldReadATriggerEventAsAnIncident() throws Exception {
        PagerDutyEvent event = valid("""
                {"routing_key":"%s","event_action":"trigger","dedup_key":"disk-full-db1",
                 "payload":{"summary":"Disk full on db1","source":"db1.prod","severity":"critical",
                            "component":"postgres","group":"storage","class":"disk",
                            "custom_details":{"free":"0%%"}}}""".formatted(KEY));
        assertThat(event.routingKey()).isEqualTo(KEY);
        assertThat(event.action()).isEqualTo(AlertAction.TRIGGER);
        Incident incident = event.toIncident(java.util.UUID.randomUUID());
        assertThat(incident.severity()).isEqualTo(Severity.SEV1);
        assertThat(incident.title()).isEqualTo("Disk full on db1");
        assertThat(incident.dedupKey()).isEqualTo("disk-full-db1");
        assertThat(incident.source()).isEqualTo("pagerduty");
        assertThat(incident.description()).contains("Source: db1.prod", "Component: postgres", "Class: disk",
                "\"free\":\"0%\"");
    }

    @Test
    void shouldMapEachPagerDutySeverityToOurs() throws Exception {
        assertThat(severity("critical")).isEqualTo(Severity.SEV1);
        assertThat(severity("error")).isEqualTo(Severity.SEV2);
        assertThat(severity("warning")).isEqualTo(Severity.SEV3);
        assertThat(severity("info")).isEqualTo(Severity.SEV4);
    }

    @Test
    void shouldMakeUpADedupKeyForATriggerWithoutOneAndTakeTheKeyFromTheHeader() throws Exception {
        PagerDutyEvent.Parsed parsed = PagerDutyEvent.parse(tree("""
                {"event_action":"trigger","payload":{"summary":"s","source":"x","severity":"info"}}"""), KEY);
        PagerDutyEvent event = ((PagerDutyEvent.Valid) parsed).event();
        assertThat(event.dedupKey()).hasSize(32);
        assertThat(event.routingKey()).isEqualTo(KEY);
    }

    @Test
    void shouldListEverythingWrongWithAnInvalidEvent() throws Exception {
        assertThat(errors("""
                {"routing_key":"%s","event_action":"explode"}""".formatted(KEY)))
                .containsExactly("'event_action' must be one of trigger, acknowledge, resolve");
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger","payload":{"summary":" ","source":7,"severity":"bad"}}"""
                .formatted(KEY)))
                .containsExactlyInAnyOrder("'payload.summary' is blank", "'payload.source' must be a string",
                        "'payload.severity' must be one of critical, error, warning, info");
        assertThat(errors("""
                {"routing_key":"%s","event_action":"resolve"}""".formatted(KEY)))
                .containsExactly("'dedup_key' is required to resolve an alert");
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger"}""".formatted(KEY)))
                .containsExactly("'payload' is missing or not an object");
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger","payload":{"summary":"%s","source":"x","severity":"info"}}"""
                .formatted(KEY, "s".repeat(1025))))
                .containsExactly("'payload.summary' is longer than 1024 characters");
        assertThat(errors("[1,2]")).containsExactly("Event object must be a JSON object");
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger",
                 "payload":{"summary":"s","source":"x","severity":"info","custom_details":"text"}}""".formatted(KEY)))
                .containsExactly("'payload.custom_details' must be an object");
        StringBuilder details = new StringBuilder("{");
        for (int i = 0; i < 101; i++) {
            details.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger","client_url":"%s",
                 "payload":{"summary":"s","source":"x","severity":"info","custom_details":%s}}}"""
                .formatted(KEY, "u".repeat(2049), details)))
                .containsExactlyInAnyOrder("'client_url' is longer than 2048 characters",
                        "'payload.custom_details' has more than 100 fields");
    }

    @Test
    void shouldRefuseAPayloadSentWithAnAcknowledgeWhenItIsInvalidAndTextNoDatabaseCanKeep() throws Exception {
        assertThat(errors("""
                {"routing_key":"%s","event_action":"acknowledge","dedup_key":"k",
                 "payload":{"summary":"s","source":"x","severity":"error "}}""".formatted(KEY)))
                .containsExactly("'payload.severity' must be one of critical, error, warning, info");
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger","client_url":"a\\u0000b",
                 "payload":{"summary":"s\\ud83d","source":"x","severity":"info"}}""".formatted(KEY)))
                .containsExactlyInAnyOrder("'client_url' must not contain the NUL character",
                        "'payload.summary' must be valid Unicode (it contains an unpaired surrogate)");
        // anywhere in custom_details, names and values alike
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger",
                 "payload":{"summary":"s","source":"x","severity":"info","custom_details":{"k":["ok",{"n":"\\ud800x"}]}}}"""
                .formatted(KEY)))
                .containsExactly("'payload.custom_details' must be valid Unicode (it contains an unpaired surrogate)");
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger",
                 "payload":{"summary":"s","source":"x","severity":"info","custom_details":{"a\\u0000b":1}}}"""
                .formatted(KEY)))
                .containsExactly("'payload.custom_details' must not contain the NUL character");
    }

    @Test
    void shouldReadAcknowledgeAndResolveWithoutAPayload() throws Exception {
        PagerDutyEvent ack = valid("""
                {"routing_key":"%s","event_action":"acknowledge","dedup_key":"k1"}""".formatted(KEY));
        assertThat(ack.action()).isEqualTo(AlertAction.ACKNOWLEDGE);
        assertThat(ack.dedupKey()).isEqualTo("k1");
    }

    private static Severity severity(String pd) throws Exception {
        return valid("""
                {"routing_key":"%s","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"%s"}}"""
                .formatted(KEY, pd)).severity();
    }

    private static PagerDutyEvent valid(String json) throws Exception {
        PagerDutyEvent.Parsed parsed = PagerDutyEvent.parse(tree(json), null);
        assertThat(parsed).isInstanceOf(PagerDutyEvent.Valid.class);
        return ((PagerDutyEvent.Valid) parsed).event();
    }

    private static java.util.List<String> errors(String json) throws Exception {
        PagerDutyEvent.Parsed parsed = PagerDutyEvent.parse(tree(json), null);
        assertThat(parsed).isInstanceOf(PagerDutyEvent.Invalid.class);
        return ((PagerDutyEvent.Invalid) parsed).errors();
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void shouldFindTheRoutingKeyOfABodyTooBigOrDeepToReadWhole() {
        String huge = "x".repeat(100_000);
        assertThat(PagerDutyEvent.routingKeyIn("""
                {"payload":{"custom_details":{"log":"%s","deep":[[[[[[[[[[[]]]]]]]]]]]}},"routing_key":" %s "}"""
                .formatted(huge, KEY))).isEqualTo(KEY);
        assertThat(PagerDutyEvent.routingKeyIn("{\"routing_key\":\"%s\",\"payload\":{\"x\":\"%s\"".formatted(KEY, huge)))
                .as("the key comes before the body breaks off").isEqualTo(KEY);
        assertThat(PagerDutyEvent.routingKeyIn("{\"payload\":{\"x\":1},\"routing_key\":{\"nested\":\"%s\"}}"
                .formatted(KEY))).isNull();
        assertThat(PagerDutyEvent.routingKeyIn("{\"payload\":{\"routing_key\":\"%s\"}}".formatted(KEY)))
                .as("only a top-level key counts").isNull();
        assertThat(PagerDutyEvent.routingKeyIn("{not json \"routing_key\":\"%s\"}".formatted(KEY))).isNull();
        assertThat(PagerDutyEvent.routingKeyIn("[\"%s\"]".formatted(KEY))).isNull();
        assertThat(PagerDutyEvent.routingKeyIn(null)).isNull();
    }

    @Test
    void shouldTakeTimestampsInTheFormsPagerDutyDocumentsAndRefuseOthersNamingTheField() throws Exception {
        assertThat(PagerDutyEvent.timestamp("2015-07-17T08:42:58.315+0000"))
                .isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
        assertThat(PagerDutyEvent.timestamp("2015-07-17T10:42:58+02:00")).isEqualTo(Instant.parse("2015-07-17T08:42:58Z"));
        assertThat(PagerDutyEvent.timestamp("2015-07-17T03:42:58-05")).isEqualTo(Instant.parse("2015-07-17T08:42:58Z"));
        assertThat(PagerDutyEvent.timestamp("2015-07-17T08:42:58Z")).isEqualTo(Instant.parse("2015-07-17T08:42:58Z"));
        for (String bad : new String[]{"2015-07-17T08:42:58", "yesterday", "2015-07-17", "2015-13-17T08:42:58Z",
                "2015-07-17T08-42", "1437122578", "2015-07-17T08:42:58+2400"}) {
            assertThat(PagerDutyEvent.timestamp(bad)).as(bad).isNull();
        }
        assertThat(errors("""
                {"routing_key":"%s","event_action":"trigger",
                 "payload":{"summary":"s","source":"x","severity":"info","timestamp":"last tuesday"}}""".formatted(KEY)))
                .containsExactly("'payload.timestamp' must be an ISO 8601 date-time with an offset, such as "
                        + "2015-07-17T08:42:58.315+0000");
        assertThat(valid("""
                {"routing_key":"%s","event_action":"trigger",
                 "payload":{"summary":"s","source":"x","severity":"info","timestamp":"2015-07-17T08:42:58.315+0000"}}"""
                .formatted(KEY)).description()).contains("Timestamp: 2015-07-17T08:42:58.315+0000");
    }
}
