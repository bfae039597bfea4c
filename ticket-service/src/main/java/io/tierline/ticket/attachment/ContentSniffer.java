package io.tierline.ticket.attachment;

import org.apache.tika.Tika;

/**
 * What an upload really is, from its first bytes (magic numbers) and, where those say nothing, its file name:
 * {@code image/png}, {@code application/zip}, {@code text/plain}, ... The uploader's Content-Type is never trusted,
 * and nothing is served inline anyway; the type tells engineers what they are about to open.
 */
public final class ContentSniffer {

    // Tika's detector is thread-safe and costly to build: one for the service
    private static final Tika TIKA = new Tika();

    private ContentSniffer() {
    }

    public static String sniff(byte[] head, String filename) {
        String type = TIKA.detect(head, filename);
        return type == null || type.isBlank() ? "application/octet-stream" : type;
    }
}
