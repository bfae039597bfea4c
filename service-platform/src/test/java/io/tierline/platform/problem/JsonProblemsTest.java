package io.tierline.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tierline.platform.input.InputLimits;
import io.tierline.platform.input.JsonInput;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How a body the platform's JSON reading refuses becomes a problem answer: 400, naming the field, echoing little. */
class JsonProblemsTest {

    enum Severity { SEV1, SEV2 }

    record Request(UUID customerId, Severity severity, String title, Instant at, List<String> labels,
                   String apiKey) {
    }

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new JsonInput(new InputLimits() {
            public int maxNestingDepth() {
                return 32;
            }

            public int maxStringLength() {
                return 1000;
            }

            public int maxNumberLength() {
                return 64;
            }

            public int maxNameLength() {
                return 256;
            }
        }).customize(mapper);
        return mapper;
    }

    private static Problem.FieldError refused(String json) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> MAPPER.readValue(json, Request.class));
        Problem problem = ProblemMappers.jsonProblem(e);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).hasSize(1);
        assertThat(problem.detail()).isEqualTo(problem.errors().get(0).field() + ": "
                + problem.errors().get(0).message());
        return problem.errors().get(0);
    }

    @Test
    void shouldReadAValidBody() throws Exception {
        Request request = MAPPER.readValue("{\"severity\":\"SEV1\",\"title\":\"\\ud83d\\ude00 \\u202e\","
                + "\"at\":\"2026-11-23T16:20:00Z\",\"labels\":[\"a\"]}", Request.class);
        assertThat(request.severity()).isEqualTo(Severity.SEV1);
        assertThat(request.title()).isEqualTo("\ud83d\ude00 \u202e");
    }

    @Test
    void shouldNameTheFieldOfAnUnknownEnumValue() {
        assertThat(refused("{\"severity\":\"SEV9\"}"))
                .isEqualTo(new Problem.FieldError("severity", "'SEV9' is not one of [SEV1, SEV2]"));
        assertThat(refused("{\"severity\":\" SEV1\"}").field()).isEqualTo("severity");
        assertThat(refused("{\"severity\":0}").message()).isEqualTo("'0' is not one of [SEV1, SEV2]");
        assertThat(refused("{\"severity\":\"1\"}").field()).isEqualTo("severity");
    }

    @Test
    void shouldNameTheFieldOfAMalformedUuidOrTimestamp() {
        assertThat(refused("{\"customerId\":\"1-1-1-1-1\"}"))
                .isEqualTo(new Problem.FieldError("customerId", "'1-1-1-1-1' is not a UUID"));
        assertThat(refused("{\"customerId\":\" 00000000-0000-0000-0000-000000000000\"}"))
                .isEqualTo(new Problem.FieldError("customerId", "' 00000000-0000-0000-0000-000000000000' is not a UUID"));
        assertThat(refused("{\"customerId\":\"00000000-0000-0000-0000-00000000000G\"}").field()).isEqualTo("customerId");
        assertThat(refused("{\"at\":\"yesterday\"}")).isEqualTo(new Problem.FieldError("at",
                "'yesterday' is not an ISO-8601 timestamp such as 2026-11-23T16:20:00Z"));
        assertThat(refused("{\"at\":{}}").field()).isEqualTo("at");
    }

    @Test
    void shouldSayWhatTypeAFieldMustBe() {
        assertThat(refused("{\"title\":{\"a\":1}}")).isEqualTo(new Problem.FieldError("title", "must be a string"));
        assertThat(refused("{\"labels\":\"a\"}")).isEqualTo(new Problem.FieldError("labels", "must be an array"));
        assertThat(refused("[]")).isEqualTo(new Problem.FieldError("body", "must be an object"));
        assertThat(refused("{\"labels\":[{}]}").field()).isEqualTo("labels[0]");
    }

    @Test
    void shouldRefuseTextPostgresqlCannotStoreNamingTheField() {
        assertThat(refused("{\"title\":\"a\\u0000b\"}"))
                .isEqualTo(new Problem.FieldError("title", "must not contain the NUL character"));
        assertThat(refused("{\"labels\":[\"ok\",\"\\udfff\"]}").field()).isEqualTo("labels[1]");
    }

    @Test
    void shouldRefuseWhatGoesBeyondTheParsersLimits() {
        assertThat(refused("{\"title\":\"" + "x".repeat(1001) + "\"}").message())
                .startsWith("exceeds a limit: string value length (1001) exceeds the maximum allowed (1000")
                .doesNotContain("StreamReadConstraints");
        Problem.FieldError deep = refused("{\"extra\":" + "[".repeat(40) + "]".repeat(40) + "}");
        assertThat(deep.message()).contains("nesting depth (33) exceeds the maximum allowed (32)");
        assertThat(deep.field()).isEqualTo("body"); // found while skipping an unknown field, which has no path
        assertThat(refused("{\"n\":" + "1".repeat(100) + "}").message())
                .isEqualTo("exceeds a limit: number value length (100) exceeds the maximum allowed (64)");
    }

    @Test
    void shouldRefuseMalformedJsonWithoutEchoingIt() {
        Problem.FieldError error = refused("{\"title\": 'secret-ish'}");
        assertThat(error.field()).isEqualTo("body");
        assertThat(error.message()).startsWith("malformed JSON at line 1, column").doesNotContain("secret-ish");
        assertThat(refused("{\"title\":\"x\"} {}").message()).contains("after the end of the document");
    }

    @Test
    void shouldNotEchoTheValueOfASecretField() {
        Problem.FieldError error = refused("{\"apiKey\":[\"sk_live_123456\"]}");
        assertThat(error).isEqualTo(new Problem.FieldError("apiKey", "must be a string"));
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> MAPPER.readValue("{\"apiKey\":\"sk_live_123456\"}", SecretEnum.class));
        assertThat(ProblemMappers.jsonProblem(e).toString()).doesNotContain("sk_live_123456")
                .contains("is not one of");
    }

    record SecretEnum(Severity apiKey) {
    }
}
