package io.tierline.ticket.attachment;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilenamesTest {

    @Test
    void shouldReadTheNameFromEveryFormOfContentDisposition() {
        assertThat(Filenames.fromContentDisposition("attachment; filename=\"app.har\"")).contains("app.har");
        assertThat(Filenames.fromContentDisposition("attachment; filename=app.log")).contains("app.log");
        assertThat(Filenames.fromContentDisposition("attachment; filename=\"a \\\"b\\\".txt\"")).contains("a \"b\".txt");
        // RFC 6266: filename* wins over the plain fallback
        assertThat(Filenames.fromContentDisposition(
                "attachment; filename=\"fallback.txt\"; filename*=UTF-8''M%C3%BCller%20log.txt"))
                .contains("Müller log.txt");
        assertThat(Filenames.fromContentDisposition("attachment")).isEmpty();
        assertThat(Filenames.fromContentDisposition(null)).isEmpty();
    }

    @Test
    void shouldKeepOnlyTheLastPathSegmentWithoutControlCharacters() {
        assertThat(Filenames.clean("C:\\Users\\rita\\app.log")).contains("app.log");
        assertThat(Filenames.clean("../../etc/passwd")).contains("passwd");
        assertThat(Filenames.clean("evil\r\nname.txt")).contains("evilname.txt");
        assertThat(Filenames.clean("abc\u202Egpj.exe")).contains("abcgpj.exe");
        assertThat(Filenames.clean("logs/")).isEmpty();
        assertThat(Filenames.clean("..")).isEmpty();
        assertThat(Filenames.clean("   ")).isEmpty();
        assertThat(Filenames.clean("x".repeat(300) + ".log").orElseThrow()).hasSize(Filenames.MAX_LENGTH);
    }

    @Test
    void shouldAlwaysOfferADownloadWithAnAsciiFallbackAndTheExactName() {
        assertThat(Filenames.downloadDisposition("Müller \"log\".txt"))
                .isEqualTo("attachment; filename=\"M_ller _log_.txt\"; filename*=UTF-8''M%C3%BCller%20%22log%22.txt");
    }

    @Test
    void shouldReadASha256ContentDigestAndIgnoreOtherAlgorithms() {
        byte[] digest = new byte[32];
        digest[0] = 7;
        String base64 = Base64.getEncoder().encodeToString(digest);
        assertThat(ContentDigest.sha256("sha-256=:" + base64 + ":")).hasValue(digest);
        assertThat(ContentDigest.sha256("sha-512=:AAAA:, sha-256=:" + base64 + ":")).hasValue(digest);
        assertThat(ContentDigest.sha256("sha-512=:AAAA:")).isEmpty();
        assertThat(ContentDigest.of(digest)).isEqualTo("sha-256=:" + base64 + ":");
        assertThatThrownBy(() -> ContentDigest.sha256("sha-256=:AAAA:")).hasMessageContaining("32 bytes");
    }
}
