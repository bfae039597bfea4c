package io.tierline.devtokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DevTokensTest {

    @Test
    void shouldSignATokenThatItsPublicKeyVerifies() throws Exception {
        DevTokens tokens = DevTokens.generate();
        String token = tokens.issue("dana", List.of("agent"), Duration.ofMinutes(5));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"iss\":\"tierline\"", "\"aud\":\"tierline\"", "\"upn\":\"dana\"",
                "\"groups\":[\"agent\"]");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(tokens.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").trim())));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void shouldPublishItsKeyAsAJwksNamedByTheKidOfItsTokens() throws Exception {
        DevTokens tokens = DevTokens.generate();
        String jwks = tokens.jwks();
        String header = new String(Base64.getUrlDecoder().decode(tokens.issue("viewer").split("\\.")[0]),
                StandardCharsets.UTF_8);

        assertThat(header).contains("\"kid\":\"" + tokens.keyId() + "\"");
        assertThat(tokens.keyId()).matches("[A-Za-z0-9_-]{43}");
        assertThat(jwks).contains("\"kid\":\"" + tokens.keyId() + "\"", "\"kty\":\"RSA\"", "\"alg\":\"RS256\"");
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(field(jwks, "n")));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(field(jwks, "e")));
        PublicKey fromJwks = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        PublicKey fromPem = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(tokens.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").trim())));
        assertThat(fromJwks).isEqualTo(fromPem);
        assertThat(DevTokens.generate().keyId()).isNotEqualTo(tokens.keyId());
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    @Test
    void shouldKeepTheKeyPairOfADirectory(@TempDir Path dir) throws Exception {
        DevTokens first = DevTokens.inDirectory(dir);
        DevTokens again = DevTokens.inDirectory(dir);

        assertThat(again.publicKeyPem()).isEqualTo(first.publicKeyPem());
        assertThat(dir.resolve("private.pem")).exists();
    }
}
