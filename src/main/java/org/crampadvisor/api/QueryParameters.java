package org.crampadvisor.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import org.crampadvisor.evaluation.FieldError;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Converts typed query and path parameters so that a value that cannot be converted is a 400 naming
 * the parameter and what it takes (JAX-RS would answer 404 for {@code limit=abc}).
 */
@Provider
public class QueryParameters implements ParamConverterProvider {

    /** A parameter whose value cannot be converted to its type. */
    public static class UnconvertibleParameterException extends BadRequestException {
        private final FieldError error;

        UnconvertibleParameterException(FieldError error) {
            super(error.field() + " " + error.message());
            this.error = error;
        }

        public FieldError error() {
            return error;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, Integer::valueOf, "must be a whole number");
        }
        if (rawType == OffsetDateTime.class) {
            return (ParamConverter<T>) converter(name, OffsetDateTime::parse,
                    "must be an ISO-8601 date-time with offset, e.g. 2026-11-26T10:00:00Z");
        }
        if (rawType.isEnum()) {
            List<String> names = Arrays.stream(rawType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return (ParamConverter<T>) converter(name, value -> enumConstant(rawType, value),
                    "must be one of " + String.join(", ", names));
        }
        return null;
    }

    private static Object enumConstant(Class<?> type, String value) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(value);
    }

    private static <V> ParamConverter<V> converter(String name, Function<String, V> parse, String expected) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.strip());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new UnconvertibleParameterException(new FieldError(name, expected));
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String name(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
        }
        return null;
    }
}
