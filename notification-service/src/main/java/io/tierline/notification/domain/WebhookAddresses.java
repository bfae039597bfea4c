package io.tierline.notification.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/** A webhook address must be an absolute http(s) URL with a host: the only thing the web client can POST to. */
public final class WebhookAddresses {

    public static boolean isValid(String address) {
        if (address == null || address.isBlank() || !address.equals(address.trim())) {
            return false;
        }
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The address as logs may show it: scheme, host and port only. Webhook paths and query strings often carry a
     * secret (a Slack or chat webhook token), and a URL may hold a password.
     */
    public static String redacted(String address) {
        try {
            URI uri = new URI(address);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "<invalid address>";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/…";
        } catch (URISyntaxException | NullPointerException e) {
            return "<invalid address>";
        }
    }

    /** Parts shorter than this are too common to replace in a message (a path of "/" or "/hook"). */
    private static final int SHORTEST_SECRET_PART = 6;

    /**
     * The text with every occurrence of the address replaced by its redacted form, and with the parts that may carry
     * its secret replaced wherever they appear alone: a server's or client's message may repeat the path and query
     * without the host, the user info, or the percent-decoded forms of any of them.
     */
    public static String redact(String text, String address) {
        if (text == null || address == null || address.isEmpty()) {
            return text;
        }
        String redacted = text.replace(address, redacted(address));
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            return redacted;
        }
        String rawTail = (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String tail = (uri.getPath() == null ? "" : uri.getPath())
                + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
        // the longest first, so a part inside a longer one does not leave the rest of it behind
        String[] parts = {rawTail, tail, uri.getRawPath(), uri.getPath(), uri.getRawQuery(), uri.getQuery(),
                uri.getRawUserInfo(), uri.getUserInfo()};
        Arrays.sort(parts, Comparator.nullsLast(
                Comparator.comparingInt(String::length).reversed()));
        for (String part : parts) {
            if (part != null && part.length() >= SHORTEST_SECRET_PART) {
                redacted = redacted.replace(part, "…");
            }
        }
        return redacted;
    }

    private WebhookAddresses() {
    }
}
