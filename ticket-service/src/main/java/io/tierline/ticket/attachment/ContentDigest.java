package io.tierline.ticket.attachment;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Digest} an uploader may send (RFC 9530: {@code sha-256=:<base64>:}), checked against the bytes
 * that arrived, so a corrupted upload is refused rather than kept. Other algorithms are ignored, as the RFC allows.
 */
public final class ContentDigest {

    private static final Pattern SHA_256 = Pattern.compile("(?:^|,)\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/=]+):",
            Pattern.CASE_INSENSITIVE);

    private ContentDigest() {
    }

    /**
     * The SHA-256 the header names; empty when it names none. A sha-256 member that is not 32 bytes of base64 is an
     * {@link IllegalArgumentException}.
     */
    public static Optional<byte[]> sha256(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SHA_256.matcher(header);
        if (!matcher.find()) {
            return Optional.empty();
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(matcher.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sha-256 is not base64");
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("sha-256 must be 32 bytes, not " + digest.length);
        }
        return Optional.of(digest);
    }

    /** The header that names this SHA-256, as sent back with a download. */
    public static String of(byte[] sha256) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":";
    }
}
