package io.tierline.platform.problem;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ParameterConvertersTest {

    enum Severity { SEV1 }

    @SuppressWarnings("unused")
    void endpoint(@PathParam("id") UUID id, @QueryParam("at") Instant at, @QueryParam("severity") Severity severity,
                  @QueryParam("limit") int limit, @PathParam("personId") String personId) {
    }

    private static <T> ParamConverter<T> converter(Class<T> type, int parameter) throws Exception {
        Annotation[] annotations = ParameterConvertersTest.class.getDeclaredMethod("endpoint", UUID.class,
                Instant.class, Severity.class, int.class, String.class).getParameterAnnotations()[parameter];
        return new ParameterConverters().getConverter(type, type, annotations);
    }

    private static Problem.FieldError refused(ParamConverter<?> converter, String value) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> converter.fromString(value));
        assertThat(e.problem().status()).isEqualTo(400);
        return e.problem().errors().get(0);
    }

    @Test
    void shouldTakeOnlyCanonicalUuids() throws Exception {
        ParamConverter<UUID> uuid = converter(UUID.class, 0);
        UUID id = UUID.randomUUID();
        assertThat(uuid.fromString(id.toString())).isEqualTo(id);
        assertThat(uuid.fromString(id.toString().toUpperCase())).isEqualTo(id);
        assertThat(refused(uuid, "1-1-1-1-1")).isEqualTo(new Problem.FieldError("id", "'1-1-1-1-1' is not a UUID"));
        assertThat(refused(uuid, id + "0").field()).isEqualTo("id");
        assertThat(refused(uuid, "").field()).isEqualTo("id");
    }

    @Test
    void shouldTakeIsoTimestampsNamingTheParameterOtherwise() throws Exception {
        ParamConverter<Instant> at = converter(Instant.class, 1);
        assertThat(at.fromString("2026-11-23T16:20:00Z")).isEqualTo(Instant.parse("2026-11-23T16:20:00Z"));
        assertThat(at.fromString("2026-11-23T17:20:00+01:00")).isEqualTo(Instant.parse("2026-11-23T16:20:00Z"));
        assertThat(refused(at, "yesterday")).isEqualTo(new Problem.FieldError("at",
                "'yesterday' is not an ISO-8601 timestamp such as 2026-11-23T16:20:00Z"));
    }

    @Test
    void shouldTakeEnumConstantsAndIntegersExactly() throws Exception {
        assertThat(converter(Severity.class, 2).fromString("SEV1")).isEqualTo(Severity.SEV1);
        assertThat(refused(converter(Severity.class, 2), "sev1"))
                .isEqualTo(new Problem.FieldError("severity", "'sev1' is not one of [SEV1]"));
        assertThat(converter(int.class, 3).fromString("50")).isEqualTo(50);
        assertThat(refused(converter(int.class, 3), "ten"))
                .isEqualTo(new Problem.FieldError("limit", "'ten' is not an integer"));
    }

    @Test
    void shouldRefuseTextPostgresqlCannotStore() throws Exception {
        ParamConverter<String> text = converter(String.class, 4);
        assertThat(text.fromString("alice \u202e")).isEqualTo("alice \u202e");
        assertThat(refused(text, "alice\u0000")).isEqualTo(new Problem.FieldError("personId",
                "must not contain the NUL character"));
    }

    @Test
    void shouldShortenTheValueItEchoes() throws Exception {
        assertThat(refused(converter(UUID.class, 0), "x".repeat(300)).message())
                .isEqualTo("'" + "x".repeat(64) + "…' is not a UUID");
    }
}
