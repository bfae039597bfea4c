package io.tierline.escalation.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tierline.contracts.EventJson;
import io.tierline.contracts.events.Responder;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/** Stores responders as the JSON array the routed event carries, so the row reads like the event. */
@Converter
public class RespondersJson implements AttributeConverter<List<Responder>, String> {

    private static final TypeReference<List<Responder>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Responder> responders) {
        return EventJson.write(responders == null ? List.of() : responders);
    }

    @Override
    public List<Responder> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(EventJson.mapper().readValue(json, TYPE));
        } catch (Exception e) {
            throw new IllegalStateException("ticket_escalation.responders is not a JSON array of responders", e);
        }
    }
}
