package io.tierline.testsupport.fuzz;

import io.tierline.devtokens.DevTokens;
import io.tierline.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Authorization headers for the fuzz: the service's trusted tokens per role, and tokens it must refuse. Each is
 * shown in reports by what it is, never by its value.
 */
final class Credentials {

    /** An Authorization header value and how a report names it. */
    record Credential(String header, String shown, String token) {
    }

    private final Function<String, String> issue;
    private final Function<String, String> issueExpired;
    private final String trustedPublicKeyPem;
    private final DevTokens stranger = DevTokens.generate();
    private final Map<String, String> valid = new HashMap<>();
    private final Map<String, String> expired = new HashMap<>();
    private final Map<String, String> untrusted = new HashMap<>();
    private final String otherAdmin;

    /** Tokens the running test application trusts ({@link TestTokens}). */
    Credentials() {
        this(TestTokens::forRole, TestTokens::expired, TestTokens.publicKeyPem());
    }

    Credentials(Function<String, String> issue, Function<String, String> issueExpired, String trustedPublicKeyPem) {
        this.issue = issue;
        this.issueExpired = issueExpired;
        this.trustedPublicKeyPem = trustedPublicKeyPem;
        this.otherAdmin = issue.apply("admin"); // its own jti: never the claims of valid("admin")
    }

    Credential valid(String role) {
        String token = valid.computeIfAbsent(role, issue);
        return new Credential("Bearer " + token, "Bearer <" + role + " token>", token);
    }

    Credential expired(String role) {
        String token = expired.computeIfAbsent(role, issueExpired);
        return new Credential("Bearer " + token, "Bearer <expired " + role + " token>", token);
    }

    Credential untrusted(String role) {
        String token = untrusted.computeIfAbsent(role, stranger::issue);
        return new Credential("Bearer " + token, "Bearer <" + role + " token signed by an unknown key>", token);
    }

    /** The trusted token with its signature dropped and its header claiming no signature is needed. */
    Credential unsigned(String role) {
        String[] parts = valid(role).token().split("\\.");
        String token = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        return new Credential("Bearer " + token, "Bearer <" + role + " token with alg none>", token);
    }

    /** A trusted token of {@code role} whose claims were swapped for another admin token's: the signature breaks. */
    Credential forged(String role) {
        String[] own = valid(role).token().split("\\.");
        String[] admin = otherAdmin.split("\\.");
        String token = own[0] + "." + admin[1] + "." + own[2];
        return new Credential("Bearer " + token, "Bearer <" + role + " token with admin claims>", token);
    }

    /** The trusted token's claims signed with HS256, the trusted public key as the secret (algorithm confusion). */
    Credential keyConfusion(String role) {
        String token = TestTokens.resignedWithHmac(valid(role).token(), trustedPublicKeyPem);
        return new Credential("Bearer " + token, "Bearer <" + role + " token signed HS256 with the public key>", token);
    }

    /** The trusted token with its signature cut short. */
    Credential truncated(String role) {
        String full = valid(role).token();
        String token = full.substring(0, full.length() - 8);
        return new Credential("Bearer " + token, "Bearer <" + role + " token, signature cut short>", token);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
