package io.tierline.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;

import java.io.IOException;
import java.util.Arrays;

/**
 * Enum values exactly as the OpenAPI document lists them. Jackson also takes {@code " SEV1"} and
 * {@code "SEV1\u0007"} (it trims before a second lookup); a path or query parameter would be refused for the same
 * text, and a body should not mean something different.
 */
final class ExactEnum extends DelegatingDeserializer {

    private final Class<?> type;

    ExactEnum(JsonDeserializer<?> delegate, Class<?> type) {
        super(delegate);
        this.type = type;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
        return new ExactEnum(delegate, type);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            String text = parser.getText();
            if (!text.equals(text.trim())) {
                return context.handleWeirdStringValue(type, text, "not one of the values accepted for Enum class: %s",
                        Arrays.toString(type.getEnumConstants()));
            }
        }
        return super.deserialize(parser, context);
    }
}
