package io.tierline.platform.input;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * How every service reads JSON request bodies: within {@link InputLimits}, strictly where leniency would change the
 * meaning (an enum given by its position or padded with whitespace, a UUID in any but its canonical form, content
 * after the document), and only text PostgreSQL stores as sent.
 */
@Singleton
public class JsonInput implements ObjectMapperCustomizer {

    private final InputLimits limits;

    public JsonInput(InputLimits limits) {
        this.limits = limits;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .maxNameLength(limits.maxNameLength())
                .build());
        // "severity": 0 would otherwise mean the first constant, whatever order the enum happens to be declared in
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        // {"title":"x"}garbage is malformed, not {"title":"x"}
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        SimpleModule input = new SimpleModule("tierline-input");
        input.addDeserializer(String.class, new StorableText());
        input.addDeserializer(UUID.class, new CanonicalUuid());
        input.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                             BeanDescription description,
                                                             JsonDeserializer<?> deserializer) {
                return new ExactEnum(deserializer, type.getRawClass());
            }
        });
        mapper.registerModule(input);
    }
}
