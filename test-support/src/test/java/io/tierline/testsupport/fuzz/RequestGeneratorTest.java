package io.tierline.testsupport.fuzz;

import io.tierline.devtokens.DevTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGeneratorTest {

    private static final DevTokens TRUSTED = DevTokens.generate();
    private static final List<ApiOperation> OPERATIONS = ApiOperation.read(ApiDocuments.tickets());
    private static final String CUSTOMER = "6c1f6f0e-3f40-4c4b-9a52-6a3f3c1c0e01";

    private static List<FuzzRequest> generate(long seed, int count) {
        Credentials credentials = new Credentials(TRUSTED::issue,
                role -> TRUSTED.issue(role, List.of(role), Duration.ofMinutes(-10)), TRUSTED.publicKeyPem());
        RequestGenerator generator = new RequestGenerator(seed, credentials,
                Map.of("id", List.of(CUSTOMER), "customerId", List.of(CUSTOMER)), 32, 65_536);
        List<FuzzRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(generator.next(i, OPERATIONS.get(i % OPERATIONS.size())));
        }
        return requests;
    }

    private static List<String> shown(List<FuzzRequest> requests) {
        return requests.stream().map(FuzzRequest::describe).toList();
    }

    @Test
    void shouldMakeTheSameRequestsFromTheSameSeed() {
        assertThat(shown(generate(42, 300))).isEqualTo(shown(generate(42, 300)));
        assertThat(shown(generate(43, 300))).isNotEqualTo(shown(generate(42, 300)));
    }

    @Test
    void shouldBreakARuleInEveryWriteAndNeverShowATokensValue() {
        List<FuzzRequest> requests = generate(7, 1500);
        for (FuzzRequest request : requests) {
            if (!request.method().equals("GET")) {
                assertThat(request.mustBeRefused()).as(request.describe()).isTrue();
            }
            for (String secret : request.secrets()) {
                assertThat(request.describe()).doesNotContain(secret);
            }
        }
        assertThat(requests).extracting(FuzzRequest::intent).anySatisfy(i -> assertThat(i).contains("not one of"))
                .anySatisfy(i -> assertThat(i).contains("'customerId' malformed"))
                .anySatisfy(i -> assertThat(i).contains("required field 'title' missing"))
                .anySatisfy(i -> assertThat(i).contains("longer than its 30 characters"))
                .anySatisfy(i -> assertThat(i).contains("nested"))
                .anySatisfy(i -> assertThat(i).contains("PostgreSQL cannot store"))
                .anySatisfy(i -> assertThat(i).startsWith("no credentials"))
                .anySatisfy(i -> assertThat(i).startsWith("a token the service must not trust"))
                .anySatisfy(i -> assertThat(i).contains("query parameter 'limit' malformed"))
                .anySatisfy(i -> assertThat(i).contains("path parameter 'id' malformed"))
                .anySatisfy(i -> assertThat(i).startsWith("adversarial read"));
    }

    @Test
    void shouldStayWithinWhatTheHttpServerReads() {
        for (FuzzRequest request : generate(11, 1500)) {
            assertThat(request.target().length()).as(request.describe()).isLessThan(3800);
            assertThat(request.target()).matches("[\\x21-\\x7e]+");
            if (request.body() != null) {
                assertThat(request.body().length).isLessThan(512 * 1024);
            }
        }
    }

    @Test
    void shouldPrintABodyShortenedWithInvisibleCharactersEscaped() {
        assertThat(FuzzRequest.printable("a\u0000b\u202ec\ud800", 100)).isEqualTo("a\\u0000b\\u202ec\\ud800");
        assertThat(FuzzRequest.printable("x".repeat(50), 10)).isEqualTo("x".repeat(10) + "… (50 characters)");
        assertThat(new String("\ud83d\ude00".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(FuzzRequest.printable("\ud83d\ude00", 10));
    }
}
