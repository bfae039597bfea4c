package io.tierline.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A schema of the OpenAPI document with its {@code $ref}s and {@code allOf}s resolved: what a value must be. */
final class Schema {

    /** object, array, string, integer, number, boolean; null when the document does not say. */
    String type;
    /** uuid, date-time, int32, ... */
    String format;
    List<String> enumValues = List.of();
    Integer minLength;
    Integer maxLength;
    String pattern;
    BigDecimal minimum;
    BigDecimal maximum;
    final Map<String, Schema> properties = new LinkedHashMap<>();
    final Set<String> required = new LinkedHashSet<>();
    Schema items;
    Integer minItems;
    Integer maxItems;
    /** A map's values ({@code additionalProperties}); null when the object has only named properties. */
    Schema additionalProperties;
    Integer maxProperties;

    private static final int MAX_DEPTH = 8;

    static Schema read(JsonNode node, JsonNode document) {
        Schema schema = new Schema();
        schema.merge(node, document, 0);
        return schema;
    }

    boolean isObject() {
        return "object".equals(type) || !properties.isEmpty() || additionalProperties != null;
    }

    boolean isArray() {
        return "array".equals(type);
    }

    boolean isString() {
        return "string".equals(type);
    }

    boolean isEnum() {
        return !enumValues.isEmpty();
    }

    boolean isUuid() {
        return "uuid".equals(format);
    }

    boolean isTimestamp() {
        return "date-time".equals(format);
    }

    boolean isInteger() {
        return "integer".equals(type);
    }

    boolean isNumber() {
        return "number".equals(type) || isInteger();
    }

    /** A string with no other meaning than its text (not an enum, id or timestamp). */
    boolean isPlainText() {
        return isString() && !isEnum() && format == null;
    }

    /** {@code @NotBlank}: the document says so with the pattern {@code \S}. */
    boolean mustNotBeBlank() {
        return "\\S".equals(pattern);
    }

    private void merge(JsonNode node, JsonNode document, int depth) {
        if (node == null || node.isMissingNode() || depth > MAX_DEPTH) {
            return;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            merge(document.at(ref.startsWith("#") ? ref.substring(1) : ref), document, depth + 1);
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (node.has(combined) && node.get(combined).size() > 0) {
                // allOf: every part applies; oneOf/anyOf: the first alternative is enough to aim at
                JsonNode parts = node.get(combined);
                int count = combined.equals("allOf") ? parts.size() : 1;
                for (int i = 0; i < count; i++) {
                    merge(parts.get(i), document, depth + 1);
                }
            }
        }
        if (node.hasNonNull("type")) {
            type = node.get("type").isArray() ? node.get("type").get(0).asText() : node.get("type").asText();
        }
        if (node.hasNonNull("format")) {
            format = node.get("format").asText();
        }
        if (node.has("enum")) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(value -> values.add(value.asText()));
            enumValues = List.copyOf(values);
            if (type == null) {
                type = "string";
            }
        }
        if (node.has("minLength")) {
            minLength = node.get("minLength").asInt();
        }
        if (node.has("maxLength")) {
            maxLength = node.get("maxLength").asInt();
        }
        if (node.hasNonNull("pattern")) {
            pattern = node.get("pattern").asText();
        }
        if (node.has("minimum")) {
            minimum = node.get("minimum").decimalValue();
        }
        if (node.has("maximum")) {
            maximum = node.get("maximum").decimalValue();
        }
        if (node.has("minItems")) {
            minItems = node.get("minItems").asInt();
        }
        if (node.has("maxItems")) {
            maxItems = node.get("maxItems").asInt();
        }
        if (node.has("maxProperties")) {
            maxProperties = node.get("maxProperties").asInt();
        }
        if (node.has("additionalProperties") && !node.get("additionalProperties").isBoolean()) {
            if (additionalProperties == null) {
                additionalProperties = new Schema();
            }
            additionalProperties.merge(node.get("additionalProperties"), document, depth + 1);
        } else if (node.path("additionalProperties").asBoolean(false) && additionalProperties == null) {
            additionalProperties = new Schema();
        }
        if (node.has("required") && node.get("required").isArray()) {
            node.get("required").forEach(name -> required.add(name.asText()));
        }
        if (node.has("properties")) {
            for (Map.Entry<String, JsonNode> property : node.get("properties").properties()) {
                properties.computeIfAbsent(property.getKey(), name -> new Schema())
                        .merge(property.getValue(), document, depth + 1);
            }
        }
        if (node.has("items")) {
            if (items == null) {
                items = new Schema();
            }
            items.merge(node.get("items"), document, depth + 1);
        }
    }
}
