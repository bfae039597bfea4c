package io.tierline.notification.domain;

import java.net.URI;
import java.net.URISyntaxException;
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

    /** The text with every occurrence of the address replaced by its redacted form. */
    public static String redact(String text, String address) {
        if (text == null || address == null || address.isEmpty()) {
            return text;
        }
        return text.replace(address, redacted(address));
    }

    private WebhookAddresses() {
    }
}
