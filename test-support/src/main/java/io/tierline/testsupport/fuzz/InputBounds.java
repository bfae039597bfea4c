package io.tierline.testsupport.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an API takes without a bound: a text without {@code maxLength}, a list without {@code maxItems}, a map without
 * {@code maxProperties} ({@code @Size(max = ...)} sets each). The parser's own limits stop the worst, but a field
 * should say what it holds, and the fuzz aims its over-long values at these bounds.
 */
final class InputBounds {

    /** Formats whose values have a length of their own. */
    // binary: a file's bytes, bounded by its route's body limit (RouteBodyLimit), not by a length in the document
    private static final Set<String> SHAPED = Set.of("uuid", "date-time", "date", "time", "duration", "binary");
    private static final int MAX_DEPTH = 6;

    /** One line per unbounded parameter or body field; empty when everything is bounded. */
    static List<String> unbounded(List<ApiOperation> operations) {
        List<String> problems = new ArrayList<>();
        for (ApiOperation operation : operations) {
            for (ApiOperation.Parameter parameter : operation.parameters()) {
                check(operation + ": " + parameter.in() + " parameter", parameter.name(), parameter.schema(),
                        problems, 0);
            }
            if (operation.body() != null) {
                check(operation + ": body", "", operation.body().schema(), problems, 0);
            }
        }
        return problems;
    }

    private static void check(String where, String path, Schema schema, List<String> problems, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        String what = path.isEmpty() ? where : where + " '" + path + "'";
        if (schema.isString() && !schema.isEnum() && !SHAPED.contains(String.valueOf(schema.format))
                && schema.maxLength == null) {
            problems.add(what + " is text without a maxLength (@Size(max = ...))");
        }
        if (schema.isArray()) {
            if (schema.maxItems == null) {
                problems.add(what + " is a list without a maxItems (@Size(max = ...))");
            }
            if (schema.items != null) {
                check(where, path + "[]", schema.items, problems, depth + 1);
            }
        }
        if (schema.additionalProperties != null) {
            if (schema.maxProperties == null) {
                problems.add(what + " is a map without a maxProperties (@Size(max = ...))");
            }
            check(where, path + "{}", schema.additionalProperties, problems, depth + 1);
        }
        for (Map.Entry<String, Schema> property : schema.properties.entrySet()) {
            check(where, path.isEmpty() ? property.getKey() : path + "." + property.getKey(), property.getValue(),
                    problems, depth + 1);
        }
    }
}
