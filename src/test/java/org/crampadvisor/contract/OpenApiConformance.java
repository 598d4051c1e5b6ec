package org.crampadvisor.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks exchanges against a published OpenAPI 3.1 document, for the paths it governs ({@code /api/}
 * and {@code /cds-services}):
 * <ul>
 * <li>an operation the document lacks is refused as the document implies: 404 on an unknown path, 405
 * with an {@code Allow} of exactly the documented methods on a known one;</li>
 * <li>a documented operation answers only with documented statuses, in a documented media type, with
 * a body valid against the documented schema;</li>
 * <li>a request the document calls invalid (parameters, media type, body) is refused with a 4xx.</li>
 * </ul>
 * Whatever an operation is, its OpenAPI document must be able to describe it: that is the point.
 */
public final class OpenApiConformance {

    private static final List<String> GOVERNED = List.of("/api/", "/cds-services");
    /**
     * Left out of the document on purpose, each with its reason: the HTTP benchmark's baseline exists
     * only when a benchmark enables it (advisor.benchmark.no-op-baseline) and answers 404 otherwise,
     * as an undocumented path should, so clients never see it.
     */
    private static final List<String> UNDOCUMENTED_BY_DESIGN = List.of("/api/v1/benchmark/no-op");
    private static final List<String> METHODS = List.of("get", "head", "post", "put", "patch", "delete", "options");

    private record Template(String path, Pattern pattern, int parameters) {
    }

    private final JsonNode document;
    private final ObjectNode components;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final ObjectMapper strict = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    public OpenApiConformance(String documentJson) {
        try {
            this.document = new ObjectMapper().readTree(documentJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the OpenAPI document is not JSON", e);
        }
        this.components = document.has("components") ? (ObjectNode) document.get("components")
                : JsonNodeFactory.instance.objectNode();
        document.path("paths").fieldNames().forEachRemaining(path -> {
            StringBuilder regex = new StringBuilder();
            int parameters = 0;
            for (String part : path.split("(?=\\{)|(?<=})")) {
                if (part.startsWith("{")) {
                    regex.append("[^/]+");
                    parameters++;
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            templates.add(new Template(path, Pattern.compile(regex.toString()), parameters));
        });
        templates.sort(Comparator.comparingInt(Template::parameters));
    }

    public JsonNode document() {
        return document;
    }

    /** Whether the check applies to this path at all. */
    public static boolean governs(String path) {
        if (UNDOCUMENTED_BY_DESIGN.contains(path)) {
            return false;
        }
        return GOVERNED.stream().anyMatch(prefix -> path.startsWith(prefix) || path.equals(prefix.replaceAll("/$", "")));
    }

    /** Every way the exchange departs from the document; empty when it conforms. */
    public List<String> violations(Exchange exchange) {
        List<String> violations = new ArrayList<>();
        if (!governs(exchange.path())) {
            return violations;
        }
        Template template = templates.stream().filter(t -> t.pattern().matcher(exchange.path()).matches()).findFirst()
                .orElse(null);
        if (template == null) {
            if (!Set.of(401, 404, 429).contains(exchange.status())) {
                violations.add("no documented path matches, so the answer must be 404, but it was " + exchange.status());
            }
            checkProblem(exchange, violations);
            return violations;
        }
        JsonNode item = document.path("paths").path(template.path());
        String method = exchange.method().toLowerCase(Locale.ROOT);
        JsonNode operation = item.get(method);
        if (operation == null && method.equals("head")) {
            operation = item.get("get");
        }
        if (operation == null) {
            undocumentedMethod(exchange, item, violations);
            return violations;
        }
        List<String> invalid = requestViolations(exchange, item, operation);
        responseViolations(exchange, operation, violations);
        if (!invalid.isEmpty() && (exchange.status() < 400 || exchange.status() >= 500)) {
            violations.add("the document calls the request invalid (" + String.join("; ", invalid)
                    + "), yet the answer was " + exchange.status());
        }
        return violations;
    }

    private void undocumentedMethod(Exchange exchange, JsonNode item, List<String> violations) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String method : METHODS) {
            if (item.has(method) || method.equals("head") && item.has("get") || method.equals("options")) {
                allowed.add(method.toUpperCase(Locale.ROOT));
            }
        }
        String expected = String.join(", ", allowed);
        if (exchange.method().equalsIgnoreCase("OPTIONS")) {
            if (exchange.status() != 204 && exchange.status() != 200) {
                violations.add("OPTIONS must answer 204, but answered " + exchange.status());
            }
        } else if (Set.of(401, 429).contains(exchange.status())) {
            checkProblem(exchange, violations);
            return;
        } else if (exchange.status() != 405) {
            violations.add(exchange.method() + " is not documented for this path, so the answer must be 405, but it was "
                    + exchange.status());
        } else {
            checkProblem(exchange, violations);
        }
        if (!expected.equals(exchange.allow())) {
            violations.add("Allow must name the documented methods (" + expected + "), but was " + exchange.allow());
        }
    }

    private List<String> requestViolations(Exchange exchange, JsonNode item, JsonNode operation) {
        List<String> invalid = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        item.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        Set<String> declared = new LinkedHashSet<>();
        for (JsonNode parameter : parameters) {
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            declared.add(name);
            List<String> values = exchange.query().get(name);
            if (values == null) {
                if (parameter.path("required").asBoolean()) {
                    invalid.add("query parameter " + name + " is required");
                }
                continue;
            }
            for (String value : values) {
                List<String> errors = validate(parameter.path("schema"), coerce(value, parameter.path("schema")));
                if (!errors.isEmpty()) {
                    invalid.add("query parameter " + name + "=" + value + ": " + errors);
                }
            }
        }
        for (String name : exchange.query().keySet()) {
            if (!declared.contains(name)) {
                invalid.add("query parameter " + name + " is not documented");
            }
        }
        JsonNode requestBody = operation.get("requestBody");
        if (requestBody == null) {
            return invalid;
        }
        if (exchange.contentEncoding() != null && !exchange.body().isEmpty()) {
            invalid.add("the body is sent with Content-Encoding " + exchange.contentEncoding());
        }
        if (exchange.body().isEmpty()) {
            if (requestBody.path("required").asBoolean()) {
                invalid.add("the body is required");
            }
            return invalid;
        }
        if (exchange.contentType() == null) {
            invalid.add("the body has no Content-Type");
            return invalid;
        }
        String[] contentType = exchange.contentType().split(";");
        JsonNode media = requestBody.path("content").get(contentType[0].strip().toLowerCase(Locale.ROOT));
        if (media == null) {
            invalid.add("Content-Type " + exchange.contentType() + " is not documented");
            return invalid;
        }
        for (int i = 1; i < contentType.length; i++) {
            String[] parameter = contentType[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2
                    && !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                invalid.add("the body is in charset " + parameter[1]);
            }
        }
        JsonNode body = strictJson(exchange.body());
        if (body == null) {
            invalid.add("the body is not one well-formed JSON value of Unicode text");
            return invalid;
        }
        List<String> errors = validate(media.path("schema"), body);
        if (!errors.isEmpty()) {
            invalid.add("the body: " + errors);
        }
        return invalid;
    }

    private void responseViolations(Exchange exchange, JsonNode operation, List<String> violations) {
        String status = Integer.toString(exchange.status());
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.get(status);
        if (response == null) {
            response = responses.get(status.charAt(0) + "XX");
        }
        if (response == null) {
            response = responses.get("default");
        }
        if (response == null) {
            violations.add("status " + status + " is not documented for " + exchange.method() + " " + exchange.path());
            return;
        }
        JsonNode content = response.get("content");
        boolean hasBody = exchange.responseBody() != null && !exchange.responseBody().isEmpty()
                && !exchange.method().equalsIgnoreCase("HEAD");
        if (content == null || content.isEmpty()) {
            if (hasBody) {
                violations.add("status " + status + " is documented without a body, but one was sent");
            }
            return;
        }
        if (exchange.method().equalsIgnoreCase("HEAD")) {
            return;
        }
        String mediaType = exchange.responseContentType() == null ? null
                : exchange.responseContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        JsonNode media = mediaType == null ? null : content.get(mediaType);
        if (media == null) {
            violations.add("status " + status + " answered as " + exchange.responseContentType() + "; documented: "
                    + fieldNames(content));
            return;
        }
        if (!media.has("schema") || !(mediaType.endsWith("json"))) {
            return;
        }
        JsonNode body = strictJson(exchange.responseBody());
        if (body == null) {
            violations.add("status " + status + " answered a body that is not JSON");
            return;
        }
        List<String> errors = validate(media.path("schema"), body);
        if (!errors.isEmpty()) {
            violations.add("status " + status + " answered a body the document does not describe: " + errors);
        }
    }

    /** Answers outside the documented operations are problems too. */
    private void checkProblem(Exchange exchange, List<String> violations) {
        if (exchange.responseBody() == null || exchange.responseBody().isEmpty()
                || exchange.method().equalsIgnoreCase("HEAD")) {
            if (exchange.status() >= 400 && !exchange.method().equalsIgnoreCase("HEAD")) {
                violations.add("status " + exchange.status() + " answered without a problem body");
            }
            return;
        }
        if (exchange.responseContentType() == null || !exchange.responseContentType().startsWith("application/problem+json")) {
            violations.add("status " + exchange.status() + " answered as " + exchange.responseContentType()
                    + ", not application/problem+json");
            return;
        }
        JsonNode body = strictJson(exchange.responseBody());
        List<String> errors = body == null ? List.of("not JSON")
                : validate(JsonNodeFactory.instance.objectNode().put("$ref", "#/components/schemas/Problem"), body);
        if (!errors.isEmpty()) {
            violations.add("status " + exchange.status() + " answered a problem the document does not describe: " + errors);
        }
    }

    /** The errors of a value against a schema of the document (which may refer to its components). */
    public List<String> validate(JsonNode schema, JsonNode value) {
        String key = schema.toString();
        Schema validator = compiled.computeIfAbsent(key, k -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
            root.set("components", components);
            root.putArray("allOf").add(schema);
            return registry.getSchema(root.toString(), InputFormat.JSON);
        });
        List<String> messages = new ArrayList<>();
        List<Error> errors = validator.validate(value.toString(), InputFormat.JSON);
        for (Error error : errors.subList(0, Math.min(errors.size(), 8))) {
            messages.add(error.toString());
        }
        if (errors.size() > 8) {
            messages.add("and " + (errors.size() - 8) + " more");
        }
        return messages;
    }

    /** A query value as the JSON its schema expects: a number, a boolean, or else the string as sent. */
    private JsonNode coerce(String value, JsonNode schema) {
        JsonNode resolved = resolve(schema);
        String types = resolved.path("type").toString();
        try {
            if (types.contains("integer") && value.matches("-?\\d+")) {
                return JsonNodeFactory.instance.numberNode(new java.math.BigInteger(value));
            }
            if (types.contains("number") && value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value));
            }
        } catch (NumberFormatException e) {
            // stays a string, which the schema refuses
        }
        if (types.contains("boolean") && (value.equals("true") || value.equals("false"))) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /** The body as JSON, or null when it is not exactly one JSON value of valid Unicode text. */
    private JsonNode strictJson(String text) {
        try {
            JsonNode node = strict.readTree(text);
            return node == null || hasUnpairedSurrogate(node) ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean hasUnpairedSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return unpaired(node.asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (unpaired(field.getKey()) || hasUnpairedSurrogate(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasUnpairedSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
