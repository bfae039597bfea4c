package io.tierline.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Reads JSON strings and refuses the two kinds of text PostgreSQL cannot keep as sent: the NUL character (text
 * columns refuse it, so the insert would fail) and an unpaired UTF-16 surrogate (not a character at all; it would be
 * stored as '?').
 */
public class StorableText extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = super.deserialize(parser, context);
        String defect = defect(value);
        if (defect != null) {
            throw new InvalidTextException(parser, defect);
        }
        return value;
    }

    /** Why the text cannot be stored as sent, or null when it can. */
    public static String defect(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode (it contains an unpaired surrogate)";
            }
        }
        return null;
    }

    /**
     * The text cut to at most {@code maxChars} characters without splitting a surrogate pair (so the cut text is
     * still storable); the text itself when it is no longer.
     */
    public static String cut(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars > 0 && Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }
}
