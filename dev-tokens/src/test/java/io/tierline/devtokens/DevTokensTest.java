package io.tierline.devtokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
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
        assertThat(claims).contains("\"iss\":\"tierline\"", "\"upn\":\"dana\"", "\"groups\":[\"agent\"]");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(tokens.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").trim())));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void shouldKeepTheKeyPairOfADirectory(@TempDir Path dir) throws Exception {
        DevTokens first = DevTokens.inDirectory(dir);
        DevTokens again = DevTokens.inDirectory(dir);

        assertThat(again.publicKeyPem()).isEqualTo(first.publicKeyPem());
        assertThat(dir.resolve("private.pem")).exists();
    }
}
