package io.tierline.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request, and what it is meant to test. {@code mustBeRefused}: the request breaks a rule of the API
 * by construction (a body that breaks its schema, credentials that identify nobody, an id that does not exist...),
 * so any answer but a 4xx means the service let it through.
 */
record FuzzRequest(int index, ApiOperation operation, String intent, String method, String target,
                   List<Header> headers, byte[] body, boolean mustBeRefused, List<String> secrets) {

    /** A header as sent, and as a report shows it (a token by what it is, not by its value). */
    record Header(String name, String value, String shown) {
    }

    private static final int SHOWN_BODY = 600;

    /** The request as a failure report prints it: enough to send it again by hand. */
    String describe() {
        StringBuilder out = new StringBuilder();
        out.append('#').append(index).append(' ').append(method).append(' ').append(target)
                .append("   (").append(operation).append(": ").append(intent).append(")\n");
        for (Header header : headers) {
            out.append("    ").append(header.name()).append(": ").append(header.shown()).append('\n');
        }
        if (body != null) {
            out.append("    body (").append(body.length).append(" bytes): ")
                    .append(printable(new String(body, StandardCharsets.UTF_8), SHOWN_BODY)).append('\n');
        }
        return out.toString();
    }

    /** Shortened, with control characters, unpaired surrogates and other invisible characters as escapes. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i < text.length()) {
            out.append("… (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
