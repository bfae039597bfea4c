package io.tierline.ticket.integration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The integration key format: 32 characters of lowercase base32 (160 random bits), which is also the length a
 * PagerDuty {@code routing_key} has, so monitoring tools that check it accept ours. Keys are random enough that a
 * plain SHA-256 is a safe way to store them (no salt or slow hash needed, unlike passwords), and it lets a key be
 * looked up by its hash.
 */
public final class IntegrationKeys {

    public static final int LENGTH = 32;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String generate() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        StringBuilder key = new StringBuilder(LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                key.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return key.toString();
    }

    /** Whether the text has the shape of a key (cheap check before any lookup; a JWT never has it). */
    public static boolean looksLikeKey(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                return false;
            }
        }
        return true;
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What an admin sees of a key after it was shown once: enough to tell two keys apart, useless to an attacker. */
    public static String hint(String key) {
        return key.substring(0, 4) + "…" + key.substring(key.length() - 2);
    }

    private IntegrationKeys() {
    }
}
