package io.tierline.ticket.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.tierline.ticket.integration.IntegrationKeys;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Integration keys in the places monitoring tools can put them: {@code X-Tierline-Integration-Key: <key>} (generic
 * intake), {@code Authorization: Bearer <key>} or {@code Authorization: Basic} with the key as password (the two
 * ways Alertmanager's {@code http_config} can authenticate a webhook). It runs before the JWT mechanism and steps
 * aside when no key is presented, so people's bearer JWTs keep working on every endpoint.
 */
@ApplicationScoped
public class IntegrationKeyMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-Tierline-Integration-Key";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = presentedKey(context.request().getHeader(HEADER),
                context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new IntegrationKeyRequest(key));
    }

    /** The key in the request, or null when it carries none (a JWT is not a key). */
    static String presentedKey(String keyHeader, String authorization) {
        if (keyHeader != null) {
            return keyHeader.strip();
        }
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).strip();
            return IntegrationKeys.looksLikeKey(token) ? token : null;
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            if (IntegrationKeys.looksLikeKey(password)) {
                return password;
            }
            return IntegrationKeys.looksLikeKey(user) ? user : password;
        }
        return null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"tierline\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(IntegrationKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }

    /** Before the JWT mechanism, which would refuse a bearer key as a malformed token. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
