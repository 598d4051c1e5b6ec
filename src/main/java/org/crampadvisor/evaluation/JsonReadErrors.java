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
        if (error instanceof MismatchedInputException mismatch && isTrailingContent(mismatch)) {
            return new FieldError("", "trailing content after the JSON value; send exactly one JSON object");
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
            return new FieldError(FieldPaths.of(mapping.getPath()), inOurWords(mapping.getOriginalMessage(), true));
        }
        if (error instanceof JsonProcessingException processing) {
            JsonLocation at = processing.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new FieldError("", "malformed JSON" + where + ": " + inOurWords(processing.getOriginalMessage(), false));
        }
        return new FieldError("", "malformed JSON: " + inOurWords(error.getMessage(), false));
    }

    private static boolean isTrailingContent(MismatchedInputException mismatch) {
        String message = mismatch.getOriginalMessage();
        return message != null && message.startsWith("Trailing token");
    }

    /**
     * What the JSON parser found wrong, said for the person who wrote the body rather than in the
     * parser's terms (its messages name Java types and its own settings). Messages of our own pass
     * through.
     */
    static String inOurWords(String parserMessage, boolean aboutAField) {
        String message = firstLine(parserMessage);
        if (message.startsWith("must ") || message.startsWith("is ")) {
            return message;
        }
        if (message.startsWith("Non-standard token")) {
            return "NaN and Infinity are not JSON numbers; send a finite number";
        }
        if (message.contains("out of range of")) {
            return aboutAField ? "is too large a number for this field" : "a number is too large";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "the body ends before the JSON is complete";
        }
        if (message.startsWith("Unexpected character")) {
            int quote = message.indexOf("('");
            String character = quote < 0 || message.indexOf('\'', quote + 2) < 0 ? ""
                    : " " + message.substring(quote + 1, message.indexOf('\'', quote + 2) + 1);
            return "unexpected character" + character + "; property names and strings need double quotes";
        }
        if (message.startsWith("Unrecognized token")) {
            return "a value is not JSON: text needs double quotes, and the only words are true, false and null";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character (such as a line break) inside a string must be escaped";
        }
        if (message.startsWith("Invalid UTF-8") || message.contains("Invalid UTF-8")) {
            return "the body is not valid UTF-8";
        }
        if (message.startsWith("Leading zeroes")) {
            return "a number must not start with 0 (write 7, not 07)";
        }
        if (message.startsWith("Unrecognized character escape") || message.contains("escape sequence")) {
            return "a string holds an invalid escape sequence";
        }
        if (message.startsWith("Duplicate field")) {
            int quote = message.indexOf('\'');
            String name = quote < 0 ? "" : " " + message.substring(quote, message.indexOf('\'', quote + 1) + 1);
            return "the property" + name + " appears twice";
        }
        return aboutAField ? "cannot be read" : "the body is not valid JSON";
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
