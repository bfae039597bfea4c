package io.tierline.ticket.attachment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of an uploaded file: taken from the upload's {@code Content-Disposition} (RFC 6266, {@code filename*}
 * preferred) or the {@code filename} query parameter, stripped of any path and of control characters, and given back
 * on download in a {@code Content-Disposition: attachment} that every browser saves rather than shows.
 */
public final class Filenames {

    public static final int MAX_LENGTH = 255;

    private static final Pattern EXTENDED = Pattern.compile("filename\\*\\s*=\\s*UTF-8''([^;\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("filename\\s*=\\s*([^;\"\\s]+)", Pattern.CASE_INSENSITIVE);

    private Filenames() {
    }

    /** The file name a {@code Content-Disposition} header gives, as sent (not yet cleaned). */
    public static Optional<String> fromContentDisposition(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher extended = EXTENDED.matcher(header);
        if (extended.find()) {
            try {
                return Optional.of(java.net.URLDecoder.decode(extended.group(1).replace("+", "%2B"),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a broken percent-encoding: fall back to the plain parameter
            }
        }
        Matcher quoted = QUOTED.matcher(header);
        if (quoted.find()) {
            return Optional.of(quoted.group(1).replaceAll("\\\\(.)", "$1"));
        }
        Matcher token = TOKEN.matcher(header);
        return token.find() ? Optional.of(token.group(1)) : Optional.empty();
    }

    /**
     * The name kept: its last path segment (a browser may send {@code C:\logs\app.log}), without control characters,
     * trimmed, at most {@link #MAX_LENGTH} characters; empty when nothing usable is left.
     */
    public static Optional<String> clean(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(last.length());
        last.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(kept::appendCodePoint);
        String cleaned = kept.toString().strip();
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            return Optional.empty();
        }
        if (cleaned.length() > MAX_LENGTH) {
            int end = Character.isHighSurrogate(cleaned.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            cleaned = cleaned.substring(0, end);
        }
        return Optional.of(cleaned);
    }

    /**
     * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>}: saved as a file under its
     * own name, never shown inline.
     */
    public static String downloadDisposition(String filename) {
        StringBuilder ascii = new StringBuilder(filename.length());
        filename.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
