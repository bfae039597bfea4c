package io.tierline.platform.problem;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a rejected value is shown back in a problem answer: cut to {@value #MAX_LENGTH} characters, and never for a
 * field whose name suggests a secret (a wrong-typed API key must not come back in the answer, nor in the logs that
 * record answers).
 */
public final class RejectedValues {

    static final int MAX_LENGTH = 64;
    private static final Pattern SECRET = Pattern.compile(
            "token|key|secret|passw|authori[sz]ation|credential|signature|cookie|session");

    /** Whether a field (a JSON path such as {@code integration.apiKey}, or a parameter name) may hold a secret. */
    public static boolean isSecret(String field) {
        return field != null && SECRET.matcher(field.toLowerCase(Locale.ROOT)).find();
    }

    /** The value to show for {@code field}, shortened; null when the field may hold a secret. */
    public static String echo(String field, Object value) {
        if (isSecret(field)) {
            return null;
        }
        String text = String.valueOf(value);
        if (text.codePointCount(0, text.length()) <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH)) + "…";
    }

    private RejectedValues() {
    }
}
