package io.tierline.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One operation of a service's OpenAPI document: its parameters, its body, who may call it. */
record ApiOperation(String method, String path, Set<String> roles, List<Parameter> parameters, Body body,
                    Set<String> methodsOfPath) {

    static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** A path, query or header parameter. */
    record Parameter(String name, String in, boolean required, Schema schema) {
    }

    /** The request body: JSON (or the first media type the operation names) of the given schema. */
    record Body(boolean required, String mediaType, Schema schema) {

        /**
         * Whether the body is a JSON document, so malformed JSON, wrong shapes and wrong media types are mistakes; a
         * file's bytes ({@code format: binary}, an upload) may be anything and are bounded by the route's body limit.
         */
        boolean isJson() {
            return mediaType.contains("json");
        }
    }

    /** Every operation of the document, sorted by path and method so a seed means the same requests each run. */
    static List<ApiOperation> read(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : document.path("paths").properties()) {
            String path = entry.getKey();
            JsonNode item = entry.getValue();
            Set<String> methods = new LinkedHashSet<>();
            METHODS.stream().filter(item::has).forEach(methods::add);
            for (String method : methods) {
                JsonNode operation = item.get(method);
                Map<String, Parameter> parameters = new LinkedHashMap<>();
                for (JsonNode parameter : item.path("parameters")) {
                    add(parameters, parameter, document);
                }
                for (JsonNode parameter : operation.path("parameters")) {
                    add(parameters, parameter, document);
                }
                operations.add(new ApiOperation(method, path, roles(operation), List.copyOf(parameters.values()),
                        body(operation.path("requestBody"), document), Set.copyOf(methods)));
            }
        }
        operations.sort(Comparator.comparing(ApiOperation::path).thenComparing(ApiOperation::method));
        return operations;
    }

    List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** Reads change nothing whatever they are sent. */
    boolean isRead() {
        return method.equals("get");
    }

    /** The path has more after its last parameter ({@code /tickets/{id}/comments}): the parameter names a parent. */
    boolean actsOnExistingParent() {
        return !path.endsWith("}") && path.contains("{");
    }

    @Override
    public String toString() {
        return method.toUpperCase() + " " + path;
    }

    private static void add(Map<String, Parameter> parameters, JsonNode node, JsonNode document) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = document.at(ref.startsWith("#") ? ref.substring(1) : ref);
        }
        String name = node.path("name").asText();
        String in = node.path("in").asText();
        parameters.put(in + ":" + name, new Parameter(name, in, node.path("required").asBoolean(in.equals("path")),
                Schema.read(node.path("schema"), document)));
    }

    private static Body body(JsonNode requestBody, JsonNode document) {
        if (requestBody.isMissingNode() || !requestBody.has("content")) {
            return null;
        }
        JsonNode content = requestBody.get("content");
        String mediaType = content.has("application/json") ? "application/json" : content.fieldNames().next();
        return new Body(requestBody.path("required").asBoolean(false), mediaType,
                Schema.read(content.get(mediaType).path("schema"), document));
    }

    private static Set<String> roles(JsonNode operation) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : operation.path("security")) {
            for (Map.Entry<String, JsonNode> scheme : requirement.properties()) {
                scheme.getValue().forEach(role -> roles.add(role.asText()));
            }
        }
        return roles;
    }
}
