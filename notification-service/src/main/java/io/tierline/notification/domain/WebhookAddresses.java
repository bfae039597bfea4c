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

    private WebhookAddresses() {
    }
}
