package org.crampadvisor.evaluation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Explains why a request body could not be read, in terms of the request's fields and allowed values
 * rather than Java types, so that the message helps the person who wrote the body.
 */
public final class JsonReadErrors {

    private JsonReadErrors() {
    }

    public static FieldError describe(JacksonException error) {
        if (error instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(FieldPaths.of(unknown.getPath()), "unknown property '" + unknown.getPropertyName()
                    + "'; allowed here: " + join(unknown.getKnownPropertyIds()));
        }
        if (error instanceof MismatchedInputException mismatch) {
            String field = FieldPaths.of(mismatch.getPath());
            Class<?> target = mismatch.getTargetType();
            if (mismatch instanceof InvalidFormatException invalid && target != null && target.isEnum()) {
                return new FieldError(field, "'" + invalid.getValue() + "' is not allowed; use one of "
                        + String.join(", ", enumCodes(target)));
            }
            if (target == null && mismatch.getPath().isEmpty()) {
                return new FieldError("", "the body must be a JSON object");
            }
            return new FieldError(field, "must be " + expected(target));
        }
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldError(FieldPaths.of(mapping.getPath()), firstLine(mapping.getOriginalMessage()));
        }
        if (error instanceof JsonProcessingException processing) {
            JsonLocation at = processing.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new FieldError("", "malformed JSON" + where + ": " + firstLine(processing.getOriginalMessage()));
        }
        return new FieldError("", "malformed JSON: " + firstLine(error.getMessage()));
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target.isEnum()) {
            return "one of " + String.join(", ", enumCodes(target));
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static List<String> enumCodes(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> c instanceof Codes.Coded coded ? coded.code()
                        : c instanceof Analyte analyte ? analyte.code() : c.toString())
                .toList();
    }

    private static String join(Collection<?> values) {
        return values.stream().map(Objects::toString).sorted().collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        return message.lines().findFirst().orElse(message).strip();
    }
}
