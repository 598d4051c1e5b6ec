package org.crampadvisor.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.crampadvisor.evaluation.Analyte;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the generated OpenAPI document state exactly what the service accepts and answers, at build
 * time, from the same sources the service checks against:
 * <ul>
 * <li>every object is closed ({@code additionalProperties: false}), as the JSON reader refuses unknown
 * properties (a schema that declares {@code additionalProperties} itself keeps it, e.g. a lenient
 * one);</li>
 * <li>"not blank" is a pattern JSON Schema reads as Hibernate Validator does (a character above U+0020);</li>
 * <li>a lab result is one of the analyte and unit pairs of {@link Analyte}, with the plausible range
 * stated in the unit as sent;</li>
 * <li>every operation under {@code /api/} lists the problems it can answer with, as problem+json.</li>
 * </ul>
 * Ranges, sizes and patterns come from the Bean Validation constraints on the request records and the
 * endpoint parameters, which SmallRye OpenAPI reads itself.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    /** Hibernate Validator's @NotBlank: some character above U+0020 (what String.trim() keeps). */
    private static final String NOT_BLANK = "[^\\u0000-\\u0020]";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        var components = openAPI.getComponents();
        components.addSchema(FIELD_ERROR, fieldError());
        components.addSchema(PROBLEM, problem());
        if (components.getSchemas().containsKey("LabInput")) {
            components.addSchema("LabInput", labInput());
        }
        Map<String, Schema> schemas = components.getSchemas();
        if (schemas.containsKey("OffsetDateTime")) {
            schemas.get("OffsetDateTime").setExamples(List.of("2026-11-26T10:00:00Z"));
        }
        if (schemas.containsKey("Instant")) {
            schemas.get("Instant").setExamples(List.of("2026-11-26T10:00:00Z"));
        }
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        schemas.values().forEach(schema -> tighten(schema, seen));
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                for (Operation operation : item.getOperations().values()) {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(parameter -> {
                            tighten(parameter.getSchema(), seen);
                            requireAValue(parameter);
                        });
                    }
                    if (operation.getRequestBody() != null) {
                        mediaSchemas(operation.getRequestBody().getContent()).forEach(schema -> tighten(schema, seen));
                    }
                    if (operation.getResponses() != null) {
                        operation.getResponses().getAPIResponses().values()
                                .forEach(response -> mediaSchemas(response.getContent()).forEach(s -> tighten(s, seen)));
                    }
                    if (path.startsWith("/api/")) {
                        documentProblems(path, operation);
                    }
                }
            });
        }
    }

    /** Closes objects and fixes "not blank" patterns, in this schema and every schema inside it. */
    private static void tighten(Schema schema, Map<Schema, Boolean> seen) {
        if (schema == null || seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        if (NOT_BLANK_OF_SMALLRYE.equals(schema.getPattern())) {
            schema.setPattern(NOT_BLANK);
        }
        if (schema.getProperties() != null && !schema.getProperties().isEmpty()
                && schema.getAdditionalPropertiesSchema() == null && schema.getAdditionalPropertiesBoolean() == null) {
            schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> tighten(property, seen));
        }
        tighten(schema.getItems(), seen);
        tighten(schema.getAdditionalPropertiesSchema(), seen);
        for (List<Schema> group : new List[] {schema.getOneOf(), schema.getAnyOf(), schema.getAllOf()}) {
            if (group != null) {
                group.forEach(member -> tighten(member, seen));
            }
        }
    }

    private static final String NOT_BLANK_OF_SMALLRYE = "\\S";

    /** A query parameter given without a value is refused (StrictRequests), so a string one has at least one character. */
    private static void requireAValue(org.eclipse.microprofile.openapi.models.parameters.Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (parameter.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY && schema != null
                && schema.getRef() == null && schema.getType() != null
                && schema.getType().contains(Schema.SchemaType.STRING) && schema.getMinLength() == null) {
            schema.setMinLength(1);
        }
    }

    private static List<Schema> mediaSchemas(Content content) {
        List<Schema> schemas = new ArrayList<>();
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> schemas.add(media.getSchema()));
        }
        return schemas;
    }

    /**
     * The problems any operation of the API can answer with, and those that depend on what it takes.
     * An operation may document one of these itself (e.g. a 422 with a body of its own); that stays.
     */
    private static void documentProblems(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean takesBody = operation.getRequestBody() != null;
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Invalid request: each field or query parameter that is wrong, in errors");
        problems.put("401", "No credentials, or wrong ones (HTTP Basic)");
        problems.put("403", "The user's role does not allow this operation");
        if (path.contains("{")) {
            problems.put("404", "Nothing stored under this id or version");
        }
        problems.put("405", "The path does not take this method; Allow names the ones it takes");
        problems.put("406", "The client does not accept application/json");
        if (takesBody) {
            problems.put("408", "The body did not arrive in time; the connection is closed");
            problems.put("413", "The body is larger than the limit (64 KiB); the connection is closed");
            problems.put("415", "No Content-Type, another media type than JSON, a charset other than UTF-8, "
                    + "or a Content-Encoding");
        }
        problems.put("429", "Too many failed sign-ins for this user or from this address; Retry-After says when "
                + "to try again");
        problems.put("500", "A fault of the service; detail quotes a reference for the log");
        problems.forEach((status, description) -> {
            APIResponse existing = responses.getAPIResponse(status);
            if (existing == null || existing.getContent() == null || existing.getContent().getMediaTypes() == null
                    || existing.getContent().getMediaTypes().isEmpty()) {
                responses.addAPIResponse(status, problemResponse(description));
            }
        });
        // Statuses only some operations answer, declared on them by a description alone: the body is a problem.
        for (String status : List.of("409", "503")) {
            APIResponse declared = responses.getAPIResponse(status);
            if (declared != null && (declared.getContent() == null || declared.getContent().getMediaTypes() == null
                    || declared.getContent().getMediaTypes().isEmpty())) {
                responses.addAPIResponse(status, problemResponse(declared.getDescription()));
            }
        }
    }

    public static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }

    private static Schema fieldError() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One thing wrong with a request")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("the field or parameter as the client wrote it, e.g. labs[0].unit; "
                                + "empty for the body as a whole"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("what is wrong and what is allowed"))
                .required(List.of("field", "message"))
                .additionalPropertiesBoolean(Boolean.FALSE);
    }

    private static Schema problem() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error (RFC 9457, application/problem+json)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("about:blank")))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("Invalid request")))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR))
                        .description("for a refused request, each field that is wrong"))
                .required(List.of("type", "title", "status", "detail"))
                .additionalPropertiesBoolean(Boolean.FALSE);
    }

    /**
     * One lab result: for each analyte, each unit it may be sent in, with the plausible range in that
     * unit. The bounds are rounded inward to four decimals and checked against the very conversion the
     * service applies, so every value the document allows is accepted.
     */
    static Schema labInput() {
        List<Schema> variants = new ArrayList<>();
        for (Analyte analyte : Analyte.values()) {
            for (String unit : analyte.units()) {
                BigDecimal low = inward(analyte, unit, analyte.plausibleMin(), RoundingMode.CEILING);
                BigDecimal high = inward(analyte, unit, analyte.plausibleMax(), RoundingMode.FLOOR);
                variants.add(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .title(analyte.code() + " in " + unit)
                        .addProperty("analyte", OASFactory.createSchema().constValue(analyte.code()))
                        .addProperty("value", OASFactory.createSchema().addType(Schema.SchemaType.NUMBER)
                                .minimum(low).maximum(high))
                        .addProperty("unit", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .pattern(anyCase(unit)).examples(List.of(unit)).description(unit + ", in any case"))
                        .required(List.of("analyte", "value", "unit"))
                        .additionalPropertiesBoolean(Boolean.FALSE));
            }
        }
        return OASFactory.createSchema().oneOf(variants)
                .description("A lab result: the analyte, its value and its unit. The unit must be one allowed for the "
                        + "analyte, and the value, converted to the canonical unit, physiologically plausible "
                        + "(docs/api.md, Input checking); an implausible value is nearly always a unit mistake.");
    }

    /** A pattern for exactly this text, each letter in either case: JSON Schema patterns have no case flag. */
    private static String anyCase(String text) {
        StringBuilder pattern = new StringBuilder("^");
        for (char c : text.toCharArray()) {
            if (Character.isLetter(c)) {
                pattern.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
            } else {
                pattern.append(c == '/' ? "/" : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return pattern.append('$').toString();
    }

    private static BigDecimal inward(Analyte analyte, String unit, double canonicalLimit, RoundingMode direction) {
        double divisor = analyte.toCanonical(1, unit) == 0 ? 1 : 1 / analyte.toCanonical(1, unit);
        BigDecimal bound = BigDecimal.valueOf(canonicalLimit * divisor).setScale(4, direction);
        BigDecimal step = BigDecimal.valueOf(direction == RoundingMode.CEILING ? 1 : -1, 4);
        while (!plausible(analyte, unit, bound.doubleValue())) {
            bound = bound.add(step);
        }
        return bound.stripTrailingZeros();
    }

    private static boolean plausible(Analyte analyte, String unit, double value) {
        double canonical = analyte.toCanonical(value, unit);
        return canonical >= analyte.plausibleMin() && canonical <= analyte.plausibleMax();
    }
}
