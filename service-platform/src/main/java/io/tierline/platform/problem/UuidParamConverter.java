package io.tierline.platform.problem;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.UUID;

/**
 * A malformed id in a path or query parameter is bad input (400 naming the parameter), not a missing resource (the
 * 404 JAX-RS would answer).
 */
@Provider
public class UuidParamConverter implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != UUID.class) {
            return null;
        }
        String name = "parameter";
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam path) {
                name = path.value();
            } else if (annotation instanceof QueryParam query) {
                name = query.value();
            }
        }
        String field = name;
        return (ParamConverter<T>) new ParamConverter<UUID>() {
            @Override
            public UUID fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return UUID.fromString(value);
                } catch (IllegalArgumentException e) {
                    Problem problem = Problem.of(400, "invalid-request", "Invalid request",
                            field + ": not a UUID", List.of(new Problem.FieldError(field, "not a UUID")));
                    throw new BadRequestException(Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build());
                }
            }

            @Override
            public String toString(UUID value) {
                return value.toString();
            }
        };
    }
}
