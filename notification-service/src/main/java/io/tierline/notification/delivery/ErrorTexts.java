package io.tierline.notification.delivery;

import io.tierline.notification.domain.WebhookAddresses;
import io.tierline.platform.input.StorableText;

/**
 * Makes a delivery error text safe to store, log or publish: the address it was sent to redacted first, then cut to
 * {@link #MAX_LENGTH}. In that order: cutting first could split the address, and a part of it no longer matches.
 */
public final class ErrorTexts {

    public static final int MAX_LENGTH = 500;

    public static String safe(String text, String address) {
        return StorableText.cut(WebhookAddresses.redact(text, address), MAX_LENGTH);
    }

    private ErrorTexts() {
    }
}
