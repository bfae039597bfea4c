package io.tierline.testsupport.fuzz;

import io.tierline.testsupport.EndpointProtection;
import io.tierline.testsupport.fuzz.Credentials.Credential;
import io.tierline.testsupport.fuzz.FuzzRequest.Header;
import io.tierline.testsupport.fuzz.JsonText.Raw;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Makes the fuzz requests for one operation from its OpenAPI description. Each starts as a request the operation
 * would accept, from a role it allows, and then breaks one rule on purpose (the body's schema, the credentials, a
 * parameter, the media type, the method), so the service must refuse it and change nothing. On top come adversarial
 * values that break nothing by themselves: odd Unicode, control characters and injection shapes in other fields,
 * unknown fields, odd headers. Reads also get adversarial requests that may well be answered 200.
 */
final class RequestGenerator {

    /** What a request breaks. The weight says how often it is chosen among those that apply to an operation. */
    private enum Rule {
        NO_CREDENTIALS(1), GARBAGE_CREDENTIALS(1), BAD_TOKEN(2), ROLE_NOT_ALLOWED(1),
        NOT_JSON(3), WRONG_ROOT(2), MISSING_FIELD(3), NULL_FIELD(2), WRONG_TYPE(4), TOO_LONG(3), BLANK(2),
        NOT_IN_ENUM(4), MALFORMED_VALUE(4), UNSTORABLE_TEXT(3), HUGE_STRING(1), TOO_DEEP(2), WRONG_MEDIA_TYPE(2),
        MALFORMED_PATH(4), UNKNOWN_ID(2), MALFORMED_QUERY(4), MISSING_QUERY(2), METHOD_NOT_ALLOWED(1),
        ADVERSARIAL_READ(6);

        final int weight;

        Rule(int weight) {
            this.weight = weight;
        }
    }

    private static final Object ABSENT = new Object();
    /** Adversarial text short enough, encoded, for a request line the HTTP server reads (4096 bytes in all). */
    private static final List<String> URI_STRINGS = Adversarial.STRINGS.stream()
            .filter(RequestGenerator::fitsInUri).toList();
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Random random;
    private final Credentials credentials;
    private final Map<String, List<String>> known;
    private final List<String> knownIds;
    private final int maxNestingDepth;
    private final int maxStringLength;

    /**
     * @param known           values of existing resources by parameter or body field name ({@code id},
     *                        {@code personId}, a credential such as {@code routing_key}), so reads
     *                        and refused writes also meet rows that exist
     * @param maxNestingDepth the deepest body the platform reads ({@code tierline.platform.input.max-nesting-depth})
     * @param maxStringLength the longest string it reads ({@code tierline.platform.input.max-string-length})
     */
    RequestGenerator(long seed, Credentials credentials, Map<String, List<String>> known, int maxNestingDepth,
                     int maxStringLength) {
        this.random = new Random(seed);
        this.credentials = credentials;
        this.known = known;
        // by parameter name, then as the test listed them: the same seed picks the same fixture every run
        this.knownIds = new TreeMap<>(known).values().stream().flatMap(List::stream)
                .filter(RequestGenerator::isUuid).distinct().toList();
        this.maxNestingDepth = maxNestingDepth;
        this.maxStringLength = maxStringLength;
    }

    FuzzRequest next(int index, ApiOperation operation) {
        Draft draft = new Draft(operation);
        Rule rule = choose(operation, draft);
        apply(rule, draft);
        decorate(rule, draft);
        return draft.build(index);
    }

    // ---------------------------------------------------------------------------------------------- choosing

    private Rule choose(ApiOperation operation, Draft draft) {
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            if (applies(rule, operation, draft)) {
                for (int i = 0; i < rule.weight; i++) {
                    rules.add(rule);
                }
            }
        }
        return pick(rules);
    }

    private boolean applies(Rule rule, ApiOperation operation, Draft draft) {
        boolean body = operation.body() != null && operation.body().isJson();
        return switch (rule) {
            case NO_CREDENTIALS, GARBAGE_CREDENTIALS, BAD_TOKEN -> !operation.roles().isEmpty();
            case ROLE_NOT_ALLOWED -> !operation.roles().isEmpty()
                    && !operation.roles().containsAll(EndpointProtection.ROLES);
            case NOT_JSON, WRONG_ROOT, TOO_DEEP, WRONG_MEDIA_TYPE -> body;
            case MISSING_FIELD, NULL_FIELD -> body && !draft.fields(f -> f.required()).isEmpty();
            case WRONG_TYPE -> body && !draft.fields(f -> f.schema().type != null).isEmpty();
            case TOO_LONG -> body && !draft.fields(f -> f.schema().maxLength != null || f.schema().maxItems != null)
                    .isEmpty();
            case BLANK -> body && !draft.fields(f -> f.schema().mustNotBeBlank()).isEmpty();
            case NOT_IN_ENUM -> body && !draft.fields(f -> f.schema().isEnum()).isEmpty();
            case MALFORMED_VALUE -> body && !draft.fields(f -> f.schema().isUuid() || f.schema().isTimestamp())
                    .isEmpty();
            case UNSTORABLE_TEXT, HUGE_STRING -> body && !draft.fields(f -> f.schema().isString()).isEmpty();
            case MALFORMED_PATH -> operation.in("path").stream().anyMatch(p -> violable(p.schema()));
            case UNKNOWN_ID -> operation.in("path").stream().anyMatch(p -> p.schema().isUuid())
                    && (operation.isRead() || operation.method().equals("delete") || operation.actsOnExistingParent());
            case MALFORMED_QUERY -> operation.in("query").stream().anyMatch(p -> violable(p.schema()));
            case MISSING_QUERY -> operation.in("query").stream().anyMatch(ApiOperation.Parameter::required);
            case METHOD_NOT_ALLOWED -> !operation.methodsOfPath().containsAll(List.of("put", "patch"));
            case ADVERSARIAL_READ -> operation.isRead();
        };
    }

    /** A parameter value can be made wrong: a UUID, a timestamp, an integer, an enum, a bounded or non-blank text. */
    private static boolean violable(Schema schema) {
        return schema.isUuid() || schema.isTimestamp() || schema.isInteger() || schema.isEnum()
                || schema.maxLength != null || schema.mustNotBeBlank();
    }

    // ---------------------------------------------------------------------------------------------- breaking

    private void apply(Rule rule, Draft draft) {
        ApiOperation operation = draft.operation;
        switch (rule) {
            case NO_CREDENTIALS -> {
                draft.credential = null;
                draft.intent = "no credentials";
            }
            case GARBAGE_CREDENTIALS -> {
                String value = pick(Adversarial.GARBAGE_CREDENTIALS);
                draft.credential = new Credential(value, FuzzRequest.printable(value, 60), null);
                draft.intent = "credentials that identify nobody";
            }
            case BAD_TOKEN -> {
                String role = draft.role;
                draft.credential = switch (random.nextInt(6)) {
                    case 0 -> credentials.expired(role);
                    case 1 -> credentials.untrusted(role);
                    case 2 -> credentials.unsigned(role);
                    case 3 -> credentials.forged(role);
                    case 4 -> credentials.keyConfusion(role);
                    default -> credentials.truncated(role);
                };
                draft.intent = "a token the service must not trust";
            }
            case ROLE_NOT_ALLOWED -> {
                List<String> others = EndpointProtection.ROLES.stream()
                        .filter(r -> !operation.roles().contains(r)).toList();
                draft.role = pick(others);
                draft.credential = credentials.valid(draft.role);
                draft.intent = "role " + draft.role + ", which may not call it";
            }
            case NOT_JSON -> notJson(draft);
            case WRONG_ROOT -> {
                List<String> roots = new ArrayList<>(List.of("[]", "[{}]", "\"text\"", "42", "-1.5e3", "true",
                        "[" + JsonText.write(draft.body, true) + "]"));
                if (operation.body().required()) {
                    roots.add("null");
                }
                String root = pick(roots);
                draft.body = new Raw(root);
                draft.intent = "body is " + root.substring(0, Math.min(root.length(), 20)) + ", not an object";
            }
            case MISSING_FIELD -> {
                Field field = pick(draft.fields(f -> f.required()));
                draft.set(field, ABSENT);
                draft.intent = "required field '" + field.name() + "' missing";
            }
            case NULL_FIELD -> {
                Field field = pick(draft.fields(f -> f.required()));
                draft.set(field, null);
                draft.intent = "required field '" + field.name() + "' null";
            }
            case WRONG_TYPE -> {
                Field field = pick(draft.fields(f -> f.schema().type != null));
                Object value = wrongType(field.schema());
                draft.set(field, value);
                draft.intent = "'" + field.name() + "' of the wrong type (" + shown(value) + ")";
            }
            case TOO_LONG -> {
                Field field = pick(draft.fields(f -> f.schema().maxLength != null || f.schema().maxItems != null));
                if (field.schema().maxLength != null) {
                    String value = longer(field.schema().maxLength);
                    draft.set(field, value);
                    draft.intent = "'" + field.name() + "' longer than its " + field.schema().maxLength
                            + " characters (" + value.codePointCount(0, value.length()) + ")";
                } else {
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i <= field.schema().maxItems; i++) {
                        items.add(valid(field.schema().items == null ? new Schema() : field.schema().items, "item", 1));
                    }
                    draft.set(field, items);
                    draft.intent = "'" + field.name() + "' with more than its " + field.schema().maxItems + " items";
                }
            }
            case BLANK -> {
                Field field = pick(draft.fields(f -> f.schema().mustNotBeBlank()));
                draft.set(field, pick(List.of(" ", "\t", "\n", " \r\n\t ", "  ")));
                draft.intent = "'" + field.name() + "' blank";
            }
            case NOT_IN_ENUM -> {
                Field field = pick(draft.fields(f -> f.schema().isEnum()));
                Object value = notInEnum(field.schema());
                draft.set(field, value);
                draft.intent = "'" + field.name() + "' not one of its values (" + shown(value) + ")";
            }
            case MALFORMED_VALUE -> {
                Field field = pick(draft.fields(f -> f.schema().isUuid() || f.schema().isTimestamp()));
                String value = pick(field.schema().isUuid() ? Adversarial.MALFORMED_UUIDS
                        : Adversarial.MALFORMED_TIMESTAMPS);
                draft.set(field, value);
                draft.intent = "'" + field.name() + "' malformed (" + shown(value) + ")";
            }
            case UNSTORABLE_TEXT -> {
                Field field = pick(draft.fields(f -> f.schema().isString()));
                String value = pick(Adversarial.UNSTORABLE);
                if (field.schema().isPlainText() && random.nextBoolean()) {
                    value = "before " + value + " after";
                }
                draft.set(field, value);
                draft.intent = "'" + field.name() + "' holds text PostgreSQL cannot store (" + shown(value) + ")";
            }
            case HUGE_STRING -> {
                Field field = pick(draft.fields(f -> f.schema().isString()));
                int length = maxStringLength + 1 + random.nextInt(2000);
                draft.set(field, randomText(length));
                draft.intent = "'" + field.name() + "' of " + length + " characters, beyond the parser's limit";
            }
            case TOO_DEEP -> {
                int depth = maxNestingDepth + 1 + random.nextInt(8);
                String nested = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                if (draft.body instanceof Map<?, ?> && random.nextInt(4) > 0) {
                    draft.bodyMap().put(extraName(draft, "nested"), new Raw(nested));
                    draft.intent = "an unknown field nested " + depth + " deep";
                } else {
                    draft.body = new Raw(nested);
                    draft.intent = "body nested " + depth + " deep";
                }
            }
            case WRONG_MEDIA_TYPE -> {
                draft.contentType = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "image/png", "text/html; charset=utf-8", "json"));
                if (random.nextInt(4) == 0) {
                    draft.contentType = null;
                }
                // an operation may have a hidden twin without a body (POST /pages/{id}/ack): ids that exist nowhere
                draft.randomIds();
                draft.intent = draft.contentType == null ? "a JSON body without a Content-Type"
                        : "a JSON body sent as " + draft.contentType;
            }
            case MALFORMED_PATH -> {
                ApiOperation.Parameter parameter = pick(operation.in("path").stream()
                        .filter(p -> violable(p.schema())).toList());
                String encoded = malformedPathValue(parameter.schema());
                draft.path.put(parameter.name(), encoded);
                draft.intent = "path parameter '" + parameter.name() + "' malformed ("
                        + FuzzRequest.printable(encoded, 40) + ")";
            }
            case UNKNOWN_ID -> {
                draft.randomIds();
                draft.intent = "ids that exist nowhere";
            }
            case MALFORMED_QUERY -> {
                ApiOperation.Parameter parameter = pick(operation.in("query").stream()
                        .filter(p -> violable(p.schema())).toList());
                String value = malformedParameter(parameter.schema());
                draft.query.put(parameter.name(), value);
                draft.protectedQuery.add(parameter.name());
                draft.intent = "query parameter '" + parameter.name() + "' malformed (" + shown(value) + ")";
            }
            case MISSING_QUERY -> {
                ApiOperation.Parameter parameter = pick(operation.in("query").stream()
                        .filter(ApiOperation.Parameter::required).toList());
                draft.query.remove(parameter.name());
                draft.protectedQuery.add(parameter.name());
                draft.intent = "required query parameter '" + parameter.name() + "' missing";
            }
            case METHOD_NOT_ALLOWED -> {
                draft.method = pick(List.of("put", "patch").stream()
                        .filter(m -> !operation.methodsOfPath().contains(m)).toList());
                if (draft.body == ABSENT) {
                    draft.body = new LinkedHashMap<String, Object>();
                    draft.contentType = "application/json";
                }
                draft.intent = draft.method.toUpperCase(Locale.ROOT) + ", which the path does not offer";
            }
            case ADVERSARIAL_READ -> {
                for (ApiOperation.Parameter parameter : operation.in("path")) {
                    if (parameter.schema().isPlainText() && random.nextBoolean()) {
                        draft.path.put(parameter.name(), encode(pick(random.nextInt(4) == 0
                                ? Adversarial.UNSTORABLE : URI_STRINGS)));
                    }
                }
                for (ApiOperation.Parameter parameter : operation.in("query")) {
                    if (parameter.schema().isPlainText() && random.nextBoolean()) {
                        draft.query.put(parameter.name(), pick(URI_STRINGS));
                    } else if (!parameter.required() && random.nextInt(3) == 0) {
                        draft.query.remove(parameter.name());
                    }
                }
                draft.mustBeRefused = false;
                draft.intent = "adversarial read";
            }
        }
    }

    private void notJson(Draft draft) {
        String valid = JsonText.write(draft.body, true);
        List<String> texts = new ArrayList<>(List.of("{", "{\"a\":", "[1,2", "{'single':'quotes'}", "{a:1}", "nul",
                "tru", "<xml/>", "--", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":01}", "/* comment */ " + valid,
                valid + "}", valid + " trailing", valid + valid, "\u0000" + valid,
                valid.substring(0, 1 + random.nextInt(Math.max(1, valid.length() - 1)))));
        if (draft.operation.body().required()) {
            texts.add("");
            texts.add("   ");
        }
        if (random.nextInt(5) == 0) {
            // a byte that starts no UTF-8 character, outside any string
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write('{');
            bytes.write(pick(List.of(0x80, 0xbf, 0xff, 0xfe, 0xc0)));
            bytes.writeBytes(valid.substring(1).getBytes(StandardCharsets.UTF_8));
            draft.rawBody = bytes.toByteArray();
            draft.intent = "body not UTF-8";
            return;
        }
        String text = pick(texts);
        draft.body = new Raw(text);
        draft.intent = "body not JSON (" + FuzzRequest.printable(text, 30) + ")";
    }

    private Object wrongType(Schema schema) {
        List<Object> values = new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("a", 1)), new LinkedHashMap<>(),
                List.of(), List.of("x")));
        if (schema.isObject()) {
            values = new ArrayList<>(List.of("x", 1, true, List.of(), List.of("x")));
        } else if (schema.isArray()) {
            values = new ArrayList<>(List.of("x", 1, true, new LinkedHashMap<>(Map.of("a", 1))));
        } else if (schema.isEnum() || schema.isUuid()) {
            // Jackson turns numbers and booleans into text, but not into an enum constant or a UUID
            values.addAll(List.of(0, 1, -1, 3.5, true, false));
        } else if (schema.isNumber()) {
            values.addAll(List.of("abc", "1,5"));
        } else if ("boolean".equals(schema.type)) {
            values.addAll(List.of("maybe", "yes!"));
        }
        return pick(values);
    }

    private Object notInEnum(Schema schema) {
        String member = pick(schema.enumValues);
        List<Object> values = new ArrayList<>(List.of(member.toLowerCase(Locale.ROOT), member + " ", " " + member,
                member + "\u200b", "\u202e" + member, fullwidth(member), member + member, member.substring(0, 1), "0",
                "1", "-1", 0, 1, 99, "null", "NONE", "*", "' OR '1'='1", pick(Adversarial.STRINGS)));
        values.removeIf(v -> v instanceof String s && (s.isEmpty() || schema.enumValues.contains(s)));
        return pick(values);
    }

    private String malformedPathValue(Schema schema) {
        if (schema.isUuid()) {
            if (random.nextInt(5) == 0) {
                // already percent-encoded: NUL, bytes that are no UTF-8, an encoded surrogate, a double-encoded NUL
                return pick(List.of("%00", "%FF%FE", "%C0%AE%C0%AE", "%ED%A0%80", "%25%30%30", "%0D%0AX-Injected:%201",
                        randomUuid() + "%00", "%E2%80%AE" + randomUuid()));
            }
            List<String> values = new ArrayList<>(Adversarial.MALFORMED_UUIDS);
            values.addAll(Adversarial.STRINGS);
            values.removeIf(v -> v.isBlank() || v.equals(".") || v.equals("..") || isUuid(v) || !fitsInUri(v));
            return encode(pick(values));
        }
        return encode(malformedParameter(schema));
    }

    /** A value the parameter's schema forbids; never empty (an empty parameter may mean "absent"). */
    private String malformedParameter(Schema schema) {
        if (schema.isUuid()) {
            return pick(Adversarial.MALFORMED_UUIDS);
        }
        if (schema.isTimestamp()) {
            return pick(Adversarial.MALFORMED_TIMESTAMPS);
        }
        if (schema.isEnum()) {
            return String.valueOf(notInEnum(schema));
        }
        if (schema.isInteger()) {
            List<String> values = new ArrayList<>(Adversarial.MALFORMED_INTEGERS);
            if (schema.minimum != null) {
                values.add(schema.minimum.subtract(BigDecimal.ONE).toPlainString());
            }
            if (schema.maximum != null) {
                values.add(schema.maximum.add(BigDecimal.ONE).toPlainString());
            }
            return pick(values);
        }
        if (schema.maxLength != null && (!schema.mustNotBeBlank() || random.nextBoolean())) {
            return "p".repeat(schema.maxLength + 1 + random.nextInt(100));
        }
        return pick(List.of(" ", "\t", "  "));
    }

    /** Over {@code max} characters however they are counted (code points or UTF-16 units). */
    private String longer(int max) {
        int length = max + 1 + random.nextInt(Math.min(max, 2000) + 1);
        StringBuilder out = new StringBuilder();
        String unit = pick(List.of("x", "\u00e9", "\ud83d\ude00", "\u202e", "' OR 1=1 --", "\u0645"));
        while (out.codePointCount(0, out.length()) < length) {
            out.append(unit);
        }
        return out.toString();
    }

    private String randomText(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    private static String fullwidth(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xff01) : c);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------- decorating

    /** Adversarial values that break no rule by themselves, never touching what the rule broke. */
    private void decorate(Rule rule, Draft draft) {
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (draft.body instanceof Map<?, ?>) {
                        List<Field> fields = draft.fields(f -> f.schema().isPlainText()
                                && !draft.protectedFields.contains(f.name()));
                        if (!fields.isEmpty()) {
                            Field field = pick(fields);
                            String value = pick(Adversarial.STRINGS);
                            Integer max = field.schema().maxLength;
                            if (max != null && value.length() > max) {
                                value = value.substring(0, max);
                            }
                            draft.set(field, value);
                            draft.decorations.add("adversarial '" + field.name() + "'");
                        }
                    }
                }
                case 1 -> {
                    if (draft.body instanceof Map<?, ?>) {
                        String name = extraName(draft, pick(Adversarial.EXTRA_FIELD_NAMES));
                        draft.bodyMap().put(name, pick(List.of(pick(Adversarial.STRINGS), new Raw("1e308"),
                                new Raw("-0"), new Raw("123456789012345678901234567890"), true,
                                new LinkedHashMap<>(Map.of("a", List.of(1, Map.of("b", "c")))),
                                List.of("x", "y"), randomUuid(), "CLOSED", "admin")));
                        draft.decorations.add("unknown field");
                    }
                }
                case 2 -> {
                    Header header = pick(List.of(
                            new Header("Accept", "application/xml", "application/xml"),
                            new Header("Accept", "text/html;q=0.9, */*;q=0", "text/html;q=0.9, */*;q=0"),
                            new Header("Accept", "application/problem+json", "application/problem+json"),
                            new Header("Accept", "json", "json"),
                            new Header("Accept", "text/;;q=x, *", "text/;;q=x, *"),
                            new Header("Accept", "", ""),
                            new Header("Accept", "text/html, image/gif, *; q=.2, */*; q=.2",
                                    "text/html, image/gif, *; q=.2, */*; q=.2"),
                            new Header("Accept-Charset", "utf-7", "utf-7"),
                            new Header("X-HTTP-Method-Override", "DELETE", "DELETE"),
                            new Header("X-Forwarded-For", "127.0.0.1, ' OR 1=1 --", "127.0.0.1, ' OR 1=1 --"),
                            new Header("X-Forwarded-Host", "evil.example", "evil.example"),
                            new Header("X-Original-URL", "/q/health", "/q/health"),
                            new Header("Origin", "https://evil.example", "https://evil.example"),
                            new Header("Cookie", "session=' OR '1'='1", "session=' OR '1'='1"),
                            new Header("If-None-Match", "*", "*"),
                            new Header("Range", "bytes=0-1", "bytes=0-1"),
                            new Header("User-Agent", "${jndi:ldap://127.0.0.1:1/a}", "${jndi:ldap://127.0.0.1:1/a}"),
                            new Header("X-Request-Id", "A".repeat(2000), "A×2000")));
                    draft.headers.add(header);
                    draft.decorations.add(header.name());
                }
                case 3 -> {
                    String name = pick(List.of("q", "filter", "sort", "callback", "__proto__", "$where", "debug",
                            "format", "admin", "page[size]"));
                    if (draft.operation.in("query").stream().noneMatch(p -> p.name().equals(name))) {
                        draft.query.put(name, pick(URI_STRINGS));
                        draft.decorations.add("query " + name);
                    }
                }
                case 4 -> {
                    draft.escapeNonAscii = false;
                    draft.decorations.add("raw UTF-8");
                }
                default -> {
                    if (rule != Rule.WRONG_MEDIA_TYPE && draft.contentType != null && rule != Rule.ADVERSARIAL_READ) {
                        // the JSON reader ignores the charset; the body must be refused all the same
                        draft.contentType = "application/json; " + pick(List.of("charset=utf-16", "charset=ISO-8859-1",
                                "charset=x-unknown", "charset=", "boundary=x", "q=0"));
                        draft.decorations.add(draft.contentType);
                    }
                }
            }
        }
    }

    /** A name for an unknown field that is none of the schema's own (which would undo a missing field). */
    private String extraName(Draft draft, String wanted) {
        String name = wanted;
        Schema schema = draft.operation.body() != null ? draft.operation.body().schema() : new Schema();
        while (schema.properties.containsKey(name) || draft.bodyMap().containsKey(name)) {
            name = name + "_";
        }
        return name;
    }

    // ---------------------------------------------------------------------------------------------- valid values

    private Object valid(Schema schema, String name, int depth) {
        if (schema.isEnum()) {
            return pick(schema.enumValues);
        }
        if (schema.isUuid()) {
            return !knownIds.isEmpty() && random.nextBoolean() ? pick(knownIds) : randomUuid();
        }
        if (schema.isTimestamp()) {
            return "2026-11-23T16:20:00Z";
        }
        if ("date".equals(schema.format)) {
            return "2026-11-23";
        }
        if ("duration".equals(schema.format)) {
            return "PT15M";
        }
        if (schema.isInteger()) {
            long min = schema.minimum != null ? schema.minimum.longValue() : 1;
            long max = schema.maximum != null ? schema.maximum.longValue() : min + 100;
            return min + (long) (random.nextDouble() * Math.max(0, Math.min(max - min, 1000)));
        }
        if (schema.isNumber()) {
            return schema.minimum != null ? schema.minimum.add(BigDecimal.ONE) : new BigDecimal("1.5");
        }
        if ("boolean".equals(schema.type)) {
            return random.nextBoolean();
        }
        if (schema.isArray()) {
            int count = schema.minItems != null ? schema.minItems : random.nextInt(3);
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < count && depth < 4; i++) {
                items.add(valid(schema.items == null ? new Schema() : schema.items, name, depth + 1));
            }
            return items;
        }
        if (schema.isObject()) {
            Map<String, Object> object = new LinkedHashMap<>();
            schema.properties.forEach((property, propertySchema) -> {
                if (depth < 4 && (schema.required.contains(property) || random.nextBoolean())) {
                    object.put(property, valid(propertySchema, property, depth + 1));
                }
            });
            return object;
        }
        List<String> existing = known.getOrDefault(name, List.of());
        if (!existing.isEmpty() && random.nextInt(4) > 0) {
            // a known value for a body field (an integration key in routing_key): the request gets past the door
            return pick(existing);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("url") || lower.contains("address") || lower.contains("hook")) {
            return "https://hooks.example.com/fuzz/" + randomText(8);
        }
        int min = Math.max(1, schema.minLength != null ? schema.minLength : 1);
        int max = Math.max(min, Math.min(schema.maxLength != null ? schema.maxLength : 24, 24));
        return randomText(min + random.nextInt(max - min + 1));
    }

    private String randomUuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String shown(Object value) {
        if (value instanceof String text) {
            return "\"" + FuzzRequest.printable(text, 40) + "\"";
        }
        return FuzzRequest.printable(JsonText.write(value, true), 40);
    }

    private static boolean fitsInUri(String value) {
        return encode(value).length() <= 800;
    }

    static boolean isUuid(String value) {
        return value != null && value.matches(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters (an unpaired surrogate becomes '?'). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    /** A field of the body: its path from the root ({@code customer.name}) and its schema. */
    private record Field(List<String> path, Schema schema, boolean required) {
        String name() {
            return String.join(".", path);
        }
    }

    /** The request while it is being made. */
    private final class Draft {

        final ApiOperation operation;
        String method;
        String role;
        Credential credential;
        final Map<String, String> path = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        final List<String> protectedQuery = new ArrayList<>();
        final List<Header> headers = new ArrayList<>();
        String contentType;
        Object body = ABSENT;
        byte[] rawBody;
        boolean escapeNonAscii = true;
        String intent;
        boolean mustBeRefused = true;
        final List<String> protectedFields = new ArrayList<>();
        final List<String> decorations = new ArrayList<>();

        Draft(ApiOperation operation) {
            this.operation = operation;
            this.method = operation.method();
            this.role = operation.roles().isEmpty() ? "admin" : pick(List.copyOf(operation.roles()));
            this.credential = credentials.valid(role);
            for (ApiOperation.Parameter parameter : operation.in("path")) {
                List<String> existing = known.getOrDefault(parameter.name(), List.of());
                path.put(parameter.name(), encode(!existing.isEmpty() && random.nextInt(3) > 0 ? pick(existing)
                        : String.valueOf(valid(parameter.schema(), parameter.name(), 0))));
            }
            for (ApiOperation.Parameter parameter : operation.in("query")) {
                List<String> existing = known.getOrDefault(parameter.name(), List.of());
                if (parameter.required() || random.nextBoolean()) {
                    query.put(parameter.name(), !existing.isEmpty() && random.nextBoolean() ? pick(existing)
                            : String.valueOf(valid(parameter.schema(), parameter.name(), 0)));
                }
            }
            if (operation.body() != null) {
                body = valid(operation.body().schema(), "body", 0);
                contentType = operation.body().mediaType();
            }
        }

        /** The body's fields (root and nested objects) whose schema matches. */
        List<Field> fields(Predicate<Field> filter) {
            List<Field> fields = new ArrayList<>();
            if (operation.body() != null && body instanceof Map<?, ?> map) {
                collect(operation.body().schema(), map, new ArrayList<>(), fields);
            }
            return fields.stream().filter(filter).toList();
        }

        private void collect(Schema schema, Map<?, ?> value, List<String> parent, List<Field> into) {
            schema.properties.forEach((name, propertySchema) -> {
                List<String> path = new ArrayList<>(parent);
                path.add(name);
                into.add(new Field(List.copyOf(path), propertySchema, schema.required.contains(name)));
                if (propertySchema.isObject() && value.get(name) instanceof Map<?, ?> nested && path.size() < 3) {
                    collect(propertySchema, nested, path, into);
                }
            });
        }

        @SuppressWarnings("unchecked")
        void set(Field field, Object value) {
            Map<String, Object> target = bodyMap();
            for (String step : field.path().subList(0, field.path().size() - 1)) {
                target = (Map<String, Object>) target.get(step);
            }
            String last = field.path().get(field.path().size() - 1);
            if (value == ABSENT) {
                target.remove(last);
            } else {
                target.put(last, value);
            }
            if (intent == null) {
                protectedFields.add(field.name());
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> bodyMap() {
            return (Map<String, Object>) body;
        }

        /** Every UUID path parameter an id that exists nowhere. */
        void randomIds() {
            for (ApiOperation.Parameter parameter : operation.in("path")) {
                if (parameter.schema().isUuid()) {
                    path.put(parameter.name(), randomUuid());
                }
            }
        }

        FuzzRequest build(int index) {
            String target = operation.path();
            for (Map.Entry<String, String> parameter : path.entrySet()) {
                target = target.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            if (!query.isEmpty()) {
                target += query.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&", "?", ""));
            }
            List<Header> all = new ArrayList<>();
            List<String> secrets = new ArrayList<>();
            if (credential != null) {
                all.add(new Header("Authorization", credential.header(), credential.shown()));
                if (credential.token() != null) {
                    secrets.add(credential.token());
                }
            }
            byte[] bytes = rawBody;
            if (bytes == null && body != ABSENT) {
                bytes = JsonText.write(body, escapeNonAscii).getBytes(StandardCharsets.UTF_8);
            }
            if (contentType != null && bytes != null) {
                all.add(new Header("Content-Type", contentType, contentType));
            }
            all.addAll(headers);
            String description = decorations.isEmpty() ? intent : intent + "; with " + String.join(", ", decorations);
            return new FuzzRequest(index, operation, description, method.toUpperCase(Locale.ROOT), target, all, bytes,
                    mustBeRefused, secrets);
        }
    }
}
