package io.tierline.testsupport;

import io.tierline.devtokens.DevTokens;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Bearer tokens for tests, signed with a key pair made for this test JVM (in a temp folder, never committed). The
 * services under test trust its public key through {@link TierlineInfrastructure}.
 */
public final class TestTokens {

    static final String KEY_DIRECTORY_PROPERTY = "tierline.test.token-keys";
    private static Path keyDirectory;

    static synchronized Path keyDirectory() {
        if (keyDirectory == null) {
            try {
                keyDirectory = Files.createTempDirectory("tierline-test-keys-");
                DevTokens.inDirectory(keyDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyDirectory;
    }

    /** The PEM of the public key the running test application trusts. */
    public static String publicKeyPem() {
        try {
            return DevTokens.inDirectory(keyDirectory()).publicKeyPem();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token with one role, signed with the key the running test application trusts. */
    public static String forRole(String role) {
        return trusted().issue(role);
    }

    /** A token of a customer's own person: role customer, limited to that customer's tickets. */
    public static String forCustomer(UUID customerId, String subject) {
        return trusted().issueForCustomer(subject, customerId, Duration.ofHours(1));
    }

    /** "Bearer ..." for an Authorization header. */
    public static String bearer(String role) {
        return "Bearer " + forRole(role);
    }

    /** A token for {@code subject} with one role: a caller of its own (rate limits count per caller). */
    public static String forRole(String role, String subject) {
        return trusted().issue(subject, List.of(role), Duration.ofHours(1));
    }

    /** "Bearer ..." for {@code subject} with one role. */
    public static String bearer(String role, String subject) {
        return "Bearer " + forRole(role, subject);
    }

    /** A token with one role, signed with the trusted key, that expired ten minutes ago (beyond any clock skew). */
    public static String expired(String role) {
        return issuedFor(role, Duration.ofMinutes(-10));
    }

    /** A token with one role, signed with the trusted key, but meant for another audience than the services. */
    public static String forAudience(String role, String audience) {
        return trusted().issue(role + "@tierline.local", List.of(role), Duration.ofHours(1), audience);
    }

    /**
     * A trusted token of {@code role} issued now for {@code lifetime}: longer than the services accept when it exceeds
     * {@code smallrye.jwt.time-to-live}, already expired when negative.
     */
    public static String issuedFor(String role, Duration lifetime) {
        return trusted().issue(role + "@tierline.local", List.of(role), lifetime);
    }

    /**
     * A trusted token of {@code role} re-signed with HS256, the trusted public key's PEM as the HMAC secret: the
     * algorithm-confusion attack on verifiers that let the token's header choose the algorithm. It must be refused.
     */
    public static String keyConfusion(String role) {
        return resignedWithHmac(forRole(role), publicKeyPem());
    }

    /** {@code token}'s claims under an HS256 header, signed with {@code secret} (its UTF-8 bytes). */
    public static String resignedWithHmac(String token, String secret) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + token.split("\\.")[1];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DevTokens trusted() {
        String dir = ConfigProvider.getConfig().getValue(KEY_DIRECTORY_PROPERTY, String.class);
        try {
            return DevTokens.inDirectory(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestTokens() {
    }
}
