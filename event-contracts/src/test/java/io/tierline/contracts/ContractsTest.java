package io.tierline.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tierline.contracts.events.IncidentReported;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.TicketOpened;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void shouldRoundTripAnEventThroughKafkaHeadersAndJson() {
        UUID ticket = UUID.randomUUID();
        TicketOpened opened = new TicketOpened(ticket, UUID.randomUUID(), "Acme", Plan.ENTERPRISE, Severity.SEV1,
                "Checkout down", "api", "dana", NOW);
        CloudEvent sent = CloudEvent.of("/tierline/ticket-service", opened, NOW);

        RecordHeaders headers = new RecordHeaders(sent.headers());
        CloudEvent received = CloudEvent.from(headers, sent.data());

        assertThat(received).isEqualTo(sent);
        assertThat(received.type()).isEqualTo("tierline.ticket.opened");
        assertThat(received.subject()).isEqualTo(ticket.toString());
        assertThat(received.payload(TicketOpened.class)).isEqualTo(opened);
    }

    @Test
    void shouldIgnoreUnknownFieldsInData() {
        UUID ticket = UUID.randomUUID();
        String json = "{\"ticketId\":\"" + ticket + "\",\"clock\":\"FIRST_RESPONSE\",\"dueAt\":\"2026-11-23T10:00:00Z\","
                + "\"breachedAt\":\"2026-11-23T10:00:00Z\",\"announcedAt\":\"2026-11-23T10:00:01Z\",\"late\":false,"
                + "\"addedInAFutureVersion\":42}";
        CloudEvent event = new CloudEvent(UUID.randomUUID(), EventTypes.SLA_BREACHED, "/x", ticket.toString(), NOW, json);

        assertThat(event.payload(SlaBreached.class).clock()).isEqualTo(SlaClockKind.FIRST_RESPONSE);
    }

    @Test
    void shouldRejectBrokenEnvelopesUnknownTypesAndInvalidData() {
        UUID ticket = UUID.randomUUID();
        CloudEvent good = CloudEvent.of("/x", new TicketOpened(ticket, UUID.randomUUID(), "Acme", Plan.STANDARD,
                Severity.SEV3, "t", "api", "dana", NOW), NOW);

        RecordHeaders missingId = new RecordHeaders(good.headers());
        missingId.remove("ce_id");
        assertThatThrownBy(() -> CloudEvent.from(missingId, good.data()))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("ce_id");

        CloudEvent unknownType = new CloudEvent(good.id(), "tierline.nonsense", "/x", good.subject(), NOW, good.data());
        assertThatThrownBy(() -> unknownType.payload(TicketOpened.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("unknown ce_type");

        CloudEvent notJson = new CloudEvent(good.id(), good.type(), "/x", good.subject(), NOW, "{not json");
        assertThatThrownBy(() -> notJson.payload(TicketOpened.class)).isInstanceOf(InvalidEventException.class);

        CloudEvent otherSubject = new CloudEvent(good.id(), good.type(), "/x", UUID.randomUUID().toString(), NOW, good.data());
        assertThatThrownBy(() -> otherSubject.payload(TicketOpened.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("ce_subject");
    }

    @Test
    void shouldReadAnInboundIncidentEventWithoutASubjectButNoTicketEventWithoutOne() {
        IncidentReported reported = new IncidentReported(UUID.randomUUID(), Severity.SEV2, "Queue backlog", null,
                "queue-1", "TRIGGER");
        CloudEvent sent = new CloudEvent(UUID.randomUUID(), EventTypes.INCIDENT_REPORTED, "/acme/monitoring", null,
                NOW, EventJson.write(reported));

        RecordHeaders headers = new RecordHeaders(sent.headers());
        assertThat(headers.lastHeader("ce_subject")).isNull();
        CloudEvent received = CloudEvent.from(headers, sent.data());
        assertThat(received.subject()).isNull();
        assertThat(received.payload(IncidentReported.class)).isEqualTo(reported);
        assertThat(EventCatalog.byType(EventTypes.INCIDENT_REPORTED).orElseThrow().aboutTicket()).isFalse();

        CloudEvent opened = CloudEvent.of("/x", new TicketOpened(UUID.randomUUID(), UUID.randomUUID(), "Acme",
                Plan.STANDARD, Severity.SEV3, "t", "api", "dana", NOW), NOW);
        RecordHeaders noSubject = new RecordHeaders(opened.headers());
        noSubject.remove("ce_subject");
        assertThatThrownBy(() -> CloudEvent.from(noSubject, opened.data()))
                .isInstanceOf(InvalidEventException.class).hasMessage("missing header ce_subject");
        RecordHeaders unknownType = new RecordHeaders(noSubject.toArray());
        unknownType.remove("ce_type");
        unknownType.add(new RecordHeader("ce_type", "tierline.nonsense".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> CloudEvent.from(unknownType, opened.data()))
                .isInstanceOf(InvalidEventException.class).hasMessage("missing header ce_subject");
    }

    @Test
    void shouldNameTheFieldWhenDataDoesNotMatchItsRecordAndTakeNoEnumPosition() {
        CloudEvent positional = new CloudEvent(UUID.randomUUID(), EventTypes.INCIDENT_REPORTED, "/x", null, NOW,
                "{\"integrationId\":\"" + UUID.randomUUID() + "\",\"severity\":0,\"title\":\"t\"}");
        assertThatThrownBy(() -> positional.payload(IncidentReported.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("data is not a valid IncidentReported: InvalidFormatException at severity");

        CloudEvent nullData = new CloudEvent(UUID.randomUUID(), EventTypes.INCIDENT_REPORTED, "/x", null, NOW, "null");
        assertThatThrownBy(() -> nullData.payload(IncidentReported.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a valid IncidentReported");
    }

    @Test
    void asyncApiExamplesShouldBeEventsConsumersRead() throws Exception {
        JsonNode messages = asyncApi().get("components").get("messages");
        List<String> checked = new ArrayList<>();
        messages.forEach(message -> {
            if (!message.has("examples")) {
                return;
            }
            EventCatalog.Entry entry = EventCatalog.byType(message.get("name").asText()).orElseThrow();
            for (JsonNode example : message.get("examples")) {
                RecordHeaders headers = new RecordHeaders();
                example.get("headers").fields().forEachRemaining(header -> headers.add(
                        new RecordHeader(header.getKey(), header.getValue().asText().getBytes(StandardCharsets.UTF_8))));
                CloudEvent event = CloudEvent.from(headers, example.get("payload").toString());
                assertThat(event.type()).isEqualTo(entry.type());
                assertThat(event.payload(entry.payload())).as(example.get("name").asText()).isNotNull();
                checked.add(example.get("name").asText());
            }
        });
        assertThat(checked).contains("checkoutFiring");
    }

    private JsonNode asyncApi() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/tierline.asyncapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void asyncApiDocumentShouldDescribeEveryTopicAndEventType() throws Exception {
        JsonNode doc = asyncApi();
        List<String> addresses = new ArrayList<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        List<String> messageNames = new ArrayList<>();
        doc.get("components").get("messages").forEach(message -> messageNames.add(message.get("name").asText()));

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(messageNames).containsExactlyInAnyOrderElementsOf(
                EventCatalog.all().stream().map(EventCatalog.Entry::type).toList());
        for (EventCatalog.Entry entry : EventCatalog.all()) {
            String schemaName = entry.payload().getSimpleName();
            JsonNode schema = doc.get("components").get("schemas").get(schemaName);
            assertThat(schema).as("schema " + schemaName).isNotNull();
            for (var component : entry.payload().getRecordComponents()) {
                assertThat(schema.get("properties").has(component.getName()))
                        .as(schemaName + "." + component.getName()).isTrue();
            }
        }
    }

    @Test
    void deadLetterTopicShouldNameServiceAndTopic() {
        assertThat(Topics.deadLetter("sla-service", Topics.TICKET_EVENTS)).isEqualTo("tierline.sla-service.ticket-events.dlq");
    }
}
