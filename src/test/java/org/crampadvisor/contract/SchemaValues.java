package org.crampadvisor.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random JSON values that a schema of the published OpenAPI document calls valid, as Schemathesis
 * generates them: every type, range, size, enumeration, constant, {@code oneOf} and pattern the
 * document states is honoured, so the service must accept each value. Bounds are favoured a quarter
 * of the time, because that is where a document and a service disagree first.
 */
final class SchemaValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_ITEMS = 4;
    private static final int MAX_TEXT = 24;
    private static final String TEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'.,éß€";

    private final OpenApiConformance document;

    SchemaValues(OpenApiConformance document) {
        this.document = document;
    }

    JsonNode next(JsonNode schema, Random random) {
        JsonNode resolved = document.resolve(schema);
        if (resolved.has("allOf") && resolved.get("allOf").size() == 1) {
            return next(resolved.get("allOf").get(0), random);
        }
        if (resolved.has("const")) {
            return resolved.get("const");
        }
        if (resolved.has("enum")) {
            return resolved.get("enum").get(random.nextInt(resolved.get("enum").size()));
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (resolved.has(choice)) {
                return next(resolved.get(choice).get(random.nextInt(resolved.get(choice).size())), random);
            }
        }
        return switch (type(resolved)) {
            case "object" -> object(resolved, random);
            case "array" -> array(resolved, random);
            case "string" -> string(resolved, random);
            case "integer" -> integer(resolved, random);
            case "number" -> number(resolved, random);
            case "boolean" -> JSON.booleanNode(random.nextBoolean());
            default -> JSON.textNode("any");
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : "any";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText();
    }

    private JsonNode object(JsonNode schema, Random random) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        ObjectNode object = JSON.objectNode();
        schema.path("properties").fields().forEachRemaining(property -> {
            if (required.contains(property.getKey()) || random.nextBoolean()) {
                object.set(property.getKey(), next(property.getValue(), random));
            }
        });
        return object;
    }

    private JsonNode array(JsonNode schema, Random random) {
        int min = schema.path("minItems").asInt(0);
        int max = Math.max(min, Math.min(schema.path("maxItems").asInt(MAX_ITEMS), MAX_ITEMS));
        ArrayNode array = JSON.arrayNode();
        for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
            array.add(next(schema.path("items"), random));
        }
        return array;
    }

    private static JsonNode string(JsonNode schema, Random random) {
        if (schema.path("format").asText().equals("date-time")) {
            long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
            return JSON.textNode(Instant.ofEpochSecond(from + random.nextInt(10 * 365 * 24 * 3600)).toString());
        }
        int minLength = schema.path("minLength").asInt(0);
        int maxLength = Math.max(minLength, schema.path("maxLength").asInt(MAX_TEXT));
        if (schema.has("pattern")) {
            maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
            for (int attempt = 0; attempt < 100; attempt++) {
                String text = RegexStrings.next(schema.get("pattern").asText(), random);
                int length = text.codePointCount(0, text.length());
                if (length >= minLength && length <= maxLength) {
                    return JSON.textNode(text);
                }
            }
            throw new IllegalStateException("no string of " + minLength + " to " + maxLength + " characters matching "
                    + schema.get("pattern"));
        }
        int length = minLength + random.nextInt(Math.min(maxLength, MAX_TEXT) - minLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(TEXT.charAt(random.nextInt(TEXT.length())));
        }
        return JSON.textNode(text.toString());
    }

    private static JsonNode integer(JsonNode schema, Random random) {
        long min = schema.has("minimum") ? schema.get("minimum").asLong() : -1000;
        long max = schema.has("maximum") ? schema.get("maximum").asLong() : 1000;
        long value = switch (random.nextInt(8)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + (long) (random.nextDouble() * (max - min + 1));
        };
        return JSON.numberNode(Math.min(max, value));
    }

    private static JsonNode number(JsonNode schema, Random random) {
        BigDecimal min = schema.has("minimum") ? schema.get("minimum").decimalValue() : BigDecimal.valueOf(-1000);
        BigDecimal max = schema.has("maximum") ? schema.get("maximum").decimalValue() : BigDecimal.valueOf(1000);
        BigDecimal value = switch (random.nextInt(8)) {
            case 0 -> min;
            case 1 -> max;
            default -> min.add(max.subtract(min).multiply(BigDecimal.valueOf(random.nextDouble())))
                    .setScale(4, RoundingMode.DOWN).max(min);
        };
        return JSON.numberNode(value.stripTrailingZeros());
    }
}
