package io.tierline.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What makes two requests the same request: their method, target (path and query) and body, as SHA-256. */
final class RequestFingerprint {

    static String of(String method, String target, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        // neither the method nor the target can hold a line break, so the three parts cannot run into each other
        sha256.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update(body);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private RequestFingerprint() {
    }
}
