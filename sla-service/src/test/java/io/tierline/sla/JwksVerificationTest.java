package io.tierline.sla;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tierline.devtokens.DevTokens;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Tokens from an OIDC provider: the service fetches the provider's JSON Web Key Set from its URL
 * ({@code mp.jwt.verify.publickey.location}) and trusts tokens signed by a key in it, picked by the token's
 * {@code kid}; a token signed by any other key is refused.
 */
@QuarkusTest
@TestProfile(JwksVerificationTest.ProviderKeys.class)
@WithTestResource(JwksVerificationTest.ProviderInfrastructure.class)
class JwksVerificationTest {

    /** The identity provider: its key pair, and its JWKS served over HTTP as {@code /jwks}. */
    static final DevTokens PROVIDER = DevTokens.generate();
    private static HttpServer jwksServer;

    /** Known when the application is built, so no test key pair is made up in its place. */
    public static class ProviderKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", jwksUrl());
        }
    }

    /** Kafka and PostgreSQL as usual, but not the infrastructure's own token key: only the provider's is trusted. */
    public static class ProviderInfrastructure extends TierlineInfrastructure {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.remove("mp.jwt.verify.publickey");
            return config;
        }
    }

    static synchronized String jwksUrl() {
        if (jwksServer == null) {
            try {
                jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] body = PROVIDER.jwks().getBytes(StandardCharsets.UTF_8);
            jwksServer.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            jwksServer.start();
        }
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks";
    }

    @Test
    void shouldTrustTokensSignedByAKeyInTheProvidersJwksAndNoOthers() {
        String fromProvider = PROVIDER.issue("oncall@example.com", List.of("viewer"), Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + fromProvider).get("/api/v1/sla-policies")
                .then().statusCode(200);

        // the test infrastructure's own key is not in the provider's set
        given().header("Authorization", TestTokens.bearer("viewer")).get("/api/v1/sla-policies")
                .then().statusCode(401);
        String stranger = DevTokens.generate().issue("oncall@example.com", List.of("viewer"), Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + stranger).get("/api/v1/sla-policies")
                .then().statusCode(401);
    }
}
