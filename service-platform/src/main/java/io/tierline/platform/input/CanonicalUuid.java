package io.tierline.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import io.tierline.platform.problem.ParameterConverters;

import java.io.IOException;
import java.util.UUID;

/**
 * Reads a UUID in a request body only in its canonical form, as path and query parameters are: Jackson on its own
 * trims the text and takes other spellings, so {@code " 0000…0000 "} would name a resource.
 */
public class CanonicalUuid extends StdScalarDeserializer<UUID> {

    public CanonicalUuid() {
        super(UUID.class);
    }

    @Override
    public UUID deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (UUID) context.handleUnexpectedToken(UUID.class, parser);
        }
        String text = parser.getText();
        try {
            return ParameterConverters.uuid(text);
        } catch (IllegalArgumentException e) {
            return (UUID) context.handleWeirdStringValue(UUID.class, text, "not a canonical UUID");
        }
    }
}
