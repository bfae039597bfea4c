package io.tierline.ticket.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.ratelimit.RateLimiter;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.integration.KeyHolder;
import io.tierline.ticket.service.IntegrationService;
import jakarta.enterprise.context.ApplicationScoped;

/** A valid integration key makes its holder an {@code integration} caller bound to the integration's customer. */
@ApplicationScoped
public class IntegrationKeyIdentityProvider implements IdentityProvider<IntegrationKeyRequest> {

    private final IntegrationService integrations;

    IntegrationKeyIdentityProvider(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @Override
    public Class<IntegrationKeyRequest> getRequestType() {
        return IntegrationKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(IntegrationKeyRequest request, AuthenticationRequestContext context) {
        return integrations.authenticate(request.key())
                .map(holder -> holder.map(IntegrationKeyIdentityProvider::identity)
                        // the message is safe: it never contains the key
                        .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked integration key")));
    }

    private static SecurityIdentity identity(KeyHolder holder) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(holder.principal()))
                .addRole(Roles.INTEGRATION)
                // the key's id: rate limits count per key
                .addAttribute(RateLimiter.INTEGRATION_KEY_ATTRIBUTE, holder.keyId().toString())
                .addAttribute(IntegrationCaller.HOLDER_ATTRIBUTE, holder)
                .build();
    }
}
