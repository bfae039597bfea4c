package io.tierline.ticket.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An integration key presented in a header; checked by {@link IntegrationKeyIdentityProvider}. */
public class IntegrationKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public IntegrationKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "IntegrationKeyRequest[key=<redacted>]";
    }
}
