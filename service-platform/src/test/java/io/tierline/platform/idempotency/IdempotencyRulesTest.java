package io.tierline.platform.idempotency;

import io.tierline.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyRulesTest {

    @Test
    void shouldTakeAnOpaqueKeyOfUpTo255Characters() {
        assertThat(IdempotencyKey.of(null)).isEmpty();
        assertThat(IdempotencyKey.of(List.of("3f1c5a1e-8d2b-4c07-9f55-0c3a1f0e9b42")))
                .contains(new IdempotencyKey("3f1c5a1e-8d2b-4c07-9f55-0c3a1f0e9b42"));
        assertThat(IdempotencyKey.of(List.of("k".repeat(255)))).isPresent();
    }

    @Test
    void shouldRefuseABlankLongRepeatedOrControlCharacterKeyNamingTheHeader() {
        for (List<String> values : List.of(List.of(""), List.of(" \t "), List.of("k".repeat(256)), List.of("a", "b"),
                List.of("a\u0000b"))) {
            assertThatThrownBy(() -> IdempotencyKey.of(values)).isInstanceOfSatisfying(ProblemException.class,
                    e -> {
                        assertThat(e.problem().status()).isEqualTo(400);
                        assertThat(e.problem().errors()).singleElement()
                                .satisfies(error -> assertThat(error.field()).isEqualTo("Idempotency-Key"));
                    });
        }
    }

    @Test
    void shouldKeepSuccessesAndRefusalsButNotServerErrorsOrRateLimits() {
        assertThat(List.of(200, 201, 202, 204, 400, 403, 404, 409, 412, 413, 415, 422))
                .allMatch(StoredAnswer::keeps);
        assertThat(List.of(100, 301, 429, 500, 502, 503)).noneMatch(StoredAnswer::keeps);
    }

    @Test
    void shouldTellRequestsApartByMethodTargetAndBody() {
        byte[] body = "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String fingerprint = RequestFingerprint.of("POST", "/api/v1/tickets", body);

        assertThat(RequestFingerprint.of("POST", "/api/v1/tickets", body.clone())).isEqualTo(fingerprint).hasSize(64);
        assertThat(List.of(RequestFingerprint.of("PUT", "/api/v1/tickets", body),
                RequestFingerprint.of("POST", "/api/v1/customers", body),
                RequestFingerprint.of("POST", "/api/v1/tickets?x=1", body),
                RequestFingerprint.of("POST", "/api/v1/tickets", "{\"title\":\"y\"}".getBytes(StandardCharsets.UTF_8))))
                .doesNotContain(fingerprint).doesNotHaveDuplicates();
    }
}
