package io.tierline.notification.delivery;

import io.tierline.notification.domain.WebhookAddresses;

/**
 * Makes a delivery error text safe to store, log or publish: the address it was sent to redacted first, then cut to
 * {@link #MAX_LENGTH}. In that order: cutting first could split the address, and a part of it no longer matches.
 */
public final class ErrorTexts {

    public static final int MAX_LENGTH = 500;

    public static String safe(String text, String address) {
        String redacted = WebhookAddresses.redact(text, address);
        if (redacted == null || redacted.length() <= MAX_LENGTH) {
            return redacted;
        }
        int end = Character.isHighSurrogate(redacted.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return redacted.substring(0, end);
    }

    private ErrorTexts() {
    }
}
