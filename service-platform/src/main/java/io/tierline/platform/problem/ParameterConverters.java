package io.tierline.platform.problem;

import io.tierline.platform.input.StorableText;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A path or query parameter that does not convert is bad input: 400 naming the parameter, not the 404 JAX-RS
 * answers by default. UUIDs must be in the canonical form the OpenAPI document promises ({@code UUID.fromString}
 * alone takes "1-1-1-1-1"), timestamps ISO-8601, enum values one of the constants; text must be storable.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Checked<>(name, ProblemMappers.expected(rawType), ParameterConverters::uuid);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) new Checked<>(name, ProblemMappers.expected(rawType),
                    ParameterConverters::instant);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            return (ParamConverter<T>) new Checked<>(name, ProblemMappers.expected(rawType),
                    value -> Enum.valueOf(type, value));
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Checked<>(name, ProblemMappers.expected(rawType), Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Checked<>(name, ProblemMappers.expected(rawType), Long::valueOf);
        }
        if (rawType == String.class) {
            return (ParamConverter<T>) new Checked<>(name, null, ParameterConverters::storable);
        }
        return null;
    }

    /** The UUID in its canonical form (what the OpenAPI document promises), or IllegalArgumentException. */
    public static UUID uuid(String value) {
        if (!CANONICAL_UUID.matcher(value).matches()) {
            throw new IllegalArgumentException("not canonical");
        }
        return UUID.fromString(value);
    }

    static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }

    private static String storable(String value) {
        String defect = StorableText.defect(value);
        if (defect != null) {
            throw new InvalidParameter(defect);
        }
        return value;
    }

    private static String parameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam path) {
                return path.value();
            } else if (annotation instanceof QueryParam query) {
                return query.value();
            } else if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return "parameter";
    }

    /** Converts with {@code parse}; a value it refuses is a 400 problem naming the parameter. */
    private record Checked<T>(String name, String expected, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (InvalidParameter e) {
                throw refusal(e.getMessage());
            } catch (RuntimeException e) {
                String echo = RejectedValues.echo(name, value);
                throw refusal(echo == null ? "is not " + expected : "'" + echo + "' is not " + expected);
            }
        }

        @Override
        public String toString(T value) {
            return value.toString();
        }

        /** JAX-RS wraps it in a 404 or 400; ProblemMappers finds it inside and answers it (with the instance). */
        private ProblemException refusal(String message) {
            return ProblemException.badRequest(name, message);
        }
    }

    private static final class InvalidParameter extends IllegalArgumentException {
        InvalidParameter(String message) {
            super(message);
        }
    }
}
