package io.tierline.testsupport.fuzz;

import java.util.List;
import java.util.Map;

/**
 * Writes generated bodies (maps, lists, strings, numbers, booleans, null) as JSON text. Control characters and
 * unpaired surrogates always travel as escapes ({@code "\ud800"}, which a JSON parser must decode); other non-ASCII
 * characters are escaped too, or written as they are (so they travel as UTF-8).
 */
final class JsonText {

    /** A fragment written as it is: malformed JSON, deep nesting, a number no Java type holds. */
    record Raw(String text) {
    }

    static String write(Object value, boolean escapeNonAscii) {
        StringBuilder out = new StringBuilder();
        write(value, escapeNonAscii, out);
        return out.toString();
    }

    private static void write(Object value, boolean escapeNonAscii, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String text) {
            string(text, escapeNonAscii, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(entry.getKey()), escapeNonAscii, out);
                out.append(':');
                write(entry.getValue(), escapeNonAscii, out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), escapeNonAscii, out);
            }
            out.append(']');
        } else {
            out.append(value); // numbers and booleans
        }
    }

    private static void string(String text, boolean escapeNonAscii, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                char low = text.charAt(++i);
                if (escapeNonAscii) {
                    escape(c, out);
                    escape(low, out);
                } else {
                    out.append(c).append(low);
                }
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || (c > 0x7e && escapeNonAscii)) {
                escape(c, out);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void escape(char c, StringBuilder out) {
        out.append(String.format("\\u%04x", (int) c));
    }

    private JsonText() {
    }
}
