package org.crampadvisor.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.TemplateData;
import org.crampadvisor.evaluation.Analyte;
import org.crampadvisor.evaluation.Codes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The evaluate form: every section of the request (SPEC section 3) as fields named by their JSON path,
 * turned into the request JSON the API would receive, and the API's field errors turned back into the
 * form's fields. Nothing here judges a value: the request goes through the API's own reader and checks.
 */
@TemplateData
public final class EvaluateForm {

    public static final int LAB_ROWS = 5;
    static final List<String> NUMBERS = List.of("patient.age", "cramps.episodesPerWeek", "cramps.durationWeeks",
            "hydration.fluidIntakeLitresPerDay", "activity.restDaysPerWeek", "activity.standingHoursPerDay",
            "substances.alcoholUnitsPerWeek", "substances.caffeineMgPerDay");
    static final List<String> YES_NO = List.of("cramps.nocturnal", "hydration.heavySweating", "hydration.dehydrationSigns",
            "activity.warmsUp", "activity.stretches", "activity.repetitiveStrain");
    /** Sections given as one name a line. */
    static final List<String> LISTS = List.of("conditions", "medications", "substances.herbalSupplements");

    private final Map<String, List<String>> values;
    private final Map<String, String> errors = new LinkedHashMap<>();
    /** For each lab of the request, the form row it came from (empty rows are left out). */
    private final List<Integer> labRows = new ArrayList<>();

    private EvaluateForm(Map<String, List<String>> values) {
        this.values = values;
    }

    static EvaluateForm of(Map<String, List<String>> values) {
        return new EvaluateForm(values);
    }

    static EvaluateForm empty() {
        return new EvaluateForm(Map.of());
    }

    // The choices the form offers: the request's enumerations and every unit the service knows, so that a
    // unit that does not suit its analyte is the API's to refuse, with its message, like any client's.
    public List<String> sexes() {
        return codes(Codes.Sex.values());
    }

    public List<String> severities() {
        return codes(Codes.Severity.values());
    }

    public List<String> intensities() {
        return codes(Codes.Intensity.values());
    }

    public List<String> nutrients() {
        return codes(Codes.Nutrient.values());
    }

    public List<String> symptoms() {
        return codes(Codes.NeurologicalSymptom.values());
    }

    public List<String> analytes() {
        return Arrays.stream(Analyte.values()).map(Analyte::code).toList();
    }

    public List<String> units() {
        Set<String> units = new LinkedHashSet<>();
        for (Analyte analyte : Analyte.values()) {
            units.addAll(analyte.units());
        }
        return List.copyOf(units);
    }

    /** Units by analyte, for the hint beside the lab rows. */
    public String unitsHint() {
        return Arrays.stream(Analyte.values()).map(a -> a.code() + ": " + String.join(", ", new TreeSet<>(a.units())))
                .collect(Collectors.joining("; "));
    }

    public List<Integer> labRowNumbers() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < LAB_ROWS; i++) {
            rows.add(i);
        }
        return rows;
    }

    public String value(String name) {
        List<String> given = values.get(name);
        return given == null || given.isEmpty() ? "" : given.get(0);
    }

    public boolean selected(String name, String option) {
        return value(name).equals(option);
    }

    public boolean checked(String name, String option) {
        List<String> given = values.get(name);
        return given != null && given.contains(option);
    }

    public String error(String name) {
        return errors.get(name);
    }

    public boolean invalid(String name) {
        return errors.containsKey(name);
    }

    public Map<String, String> errors() {
        return errors;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The request as the API would receive it; fields left empty are left out. */
    ObjectNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode request = nodes.objectNode();
        for (String name : List.of("patient.id", "patient.sex", "cramps.severity", "activity.intensity")) {
            String text = value(name).strip();
            if (!text.isEmpty()) {
                section(request, name).put(leaf(name), text);
            }
        }
        for (String name : NUMBERS) {
            number(request, name, value(name));
        }
        for (String name : YES_NO) {
            String text = value(name);
            if (text.equals("true") || text.equals("false")) {
                section(request, name).put(leaf(name), Boolean.parseBoolean(text));
            }
        }
        ArrayNode labs = nodes.arrayNode();
        for (int row = 0; row < LAB_ROWS; row++) {
            String prefix = "labs[" + row + "].";
            String analyte = value(prefix + "analyte").strip();
            String value = value(prefix + "value").strip();
            String unit = value(prefix + "unit").strip();
            if (analyte.isEmpty() && value.isEmpty() && unit.isEmpty()) {
                continue;
            }
            ObjectNode lab = labs.addObject();
            if (!analyte.isEmpty()) {
                lab.put("analyte", analyte);
            }
            if (!value.isEmpty()) {
                putNumber(lab, "value", value, prefix + "value");
            }
            if (!unit.isEmpty()) {
                lab.put("unit", unit);
            }
            labRows.add(row);
        }
        if (!labs.isEmpty()) {
            request.set("labs", labs);
        }
        List<String> lowIn = values.getOrDefault("diet.lowIn", List.of());
        if (!lowIn.isEmpty()) {
            ArrayNode array = request.putObject("diet").putArray("lowIn");
            lowIn.forEach(array::add);
        }
        List<String> symptoms = values.getOrDefault("symptoms", List.of());
        if (!symptoms.isEmpty()) {
            ArrayNode array = request.putArray("symptoms");
            symptoms.forEach(array::add);
        }
        List<String> conditions = lines("conditions");
        if (!conditions.isEmpty()) {
            ArrayNode array = request.putArray("conditions");
            conditions.forEach(array::add);
        }
        List<String> medications = lines("medications");
        if (!medications.isEmpty()) {
            ArrayNode array = request.putArray("medications");
            medications.forEach(name -> array.addObject().put("name", name));
        }
        List<String> supplements = lines("substances.herbalSupplements");
        if (!supplements.isEmpty()) {
            ArrayNode array = section(request, "substances.herbalSupplements").putArray("herbalSupplements");
            supplements.forEach(array::add);
        }
        return request;
    }

    /** A value as a person would type it: {@code 4}, not the {@code 4.0} of a number read as a decimal. */
    private static String shown(JsonNode node) {
        return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asText();
    }

    /** Fills the form from a request's JSON, e.g. an example patient. */
    static EvaluateForm from(JsonNode request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> scalars = new ArrayList<>(List.of("patient.id", "patient.sex", "cramps.severity", "activity.intensity"));
        scalars.addAll(NUMBERS);
        scalars.addAll(YES_NO);
        for (String name : scalars) {
            JsonNode node = request.at("/" + name.replace('.', '/'));
            if (!node.isMissingNode() && !node.isNull()) {
                values.put(name, List.of(shown(node)));
            }
        }
        int row = 0;
        for (JsonNode lab : request.path("labs")) {
            if (row == LAB_ROWS) {
                break;
            }
            values.put("labs[" + row + "].analyte", List.of(lab.path("analyte").asText()));
            values.put("labs[" + row + "].value", List.of(shown(lab.path("value"))));
            values.put("labs[" + row + "].unit", List.of(lab.path("unit").asText()));
            row++;
        }
        values.put("diet.lowIn", texts(request.path("diet").path("lowIn")));
        values.put("symptoms", texts(request.path("symptoms")));
        values.put("conditions", List.of(String.join("\n", texts(request.path("conditions")))));
        List<String> medications = new ArrayList<>();
        request.path("medications").forEach(m -> medications.add(m.path("name").asText()));
        values.put("medications", List.of(String.join("\n", medications)));
        values.put("substances.herbalSupplements",
                List.of(String.join("\n", texts(request.path("substances").path("herbalSupplements")))));
        return new EvaluateForm(values);
    }

    /**
     * Puts the API's field errors beside the form's fields: a lab's error on its row, an error on an
     * item of a list on the list's field.
     */
    void addErrors(List<org.crampadvisor.evaluation.FieldError> apiErrors) {
        for (org.crampadvisor.evaluation.FieldError error : apiErrors) {
            String field = formField(error.field());
            errors.merge(field, error.message(), (a, b) -> a + "; " + b);
        }
    }

    String formField(String apiField) {
        if (apiField.startsWith("labs[")) {
            int close = apiField.indexOf(']');
            try {
                int index = Integer.parseInt(apiField.substring(5, close));
                if (index < labRows.size()) {
                    return "labs[" + labRows.get(index) + "]" + apiField.substring(close + 1);
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                return "labs";
            }
            return "labs";
        }
        for (String list : List.of("conditions", "medications", "substances.herbalSupplements", "symptoms", "diet.lowIn")) {
            if (apiField.startsWith(list + "[") || apiField.equals(list)) {
                return list;
            }
        }
        return apiField;
    }

    /** A field of a lab row, e.g. {@code labs[0].unit}. */
    public String labField(int row, String part) {
        return "labs[" + row + "]." + part;
    }

    public String labValue(int row, String part) {
        return value(labField(row, part));
    }

    public boolean labSelected(int row, String part, String option) {
        return selected(labField(row, part), option);
    }

    public boolean labInvalid(int row, String part) {
        return invalid(labField(row, part));
    }

    public String labFieldError(int row, String part) {
        return error(labField(row, part));
    }

    /** The row's number as people count, from 1. */
    public int labNumber(int row) {
        return row + 1;
    }

    /** The labs' own errors not tied to one field of a row (e.g. {@code labs[0]}), shown on the row. */
    public String labError(int row) {
        return errors.get("labs[" + row + "]");
    }

    private void number(ObjectNode request, String name, String text) {
        if (!text.strip().isEmpty()) {
            putNumber(section(request, name), leaf(name), text.strip(), name);
        }
    }

    private void putNumber(ObjectNode target, String field, String text, String formName) {
        try {
            // A whole number stays whole, so that a field that takes only whole numbers accepts it.
            if (text.matches("[+-]?\\d+")) {
                target.put(field, new java.math.BigInteger(text));
            } else {
                target.put(field, new BigDecimal(text));
            }
        } catch (NumberFormatException e) {
            errors.put(formName, "must be a number, with a dot for decimals (e.g. 3.1)");
        }
    }

    private List<String> lines(String name) {
        return value(name).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static ObjectNode section(ObjectNode request, String name) {
        String section = name.substring(0, name.indexOf('.'));
        return request.has(section) ? (ObjectNode) request.get(section) : request.putObject(section);
    }

    private static String leaf(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> codes(Codes.Coded[] values) {
        return Arrays.stream(values).map(Codes.Coded::code).toList();
    }
}
