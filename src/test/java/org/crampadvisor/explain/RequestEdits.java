package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.StrictJson;
import org.crampadvisor.model.Threshold;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Edits of a request in JSON by the input paths explanations use ({@code labs[analyte=magnesium]},
 * {@code activity.intensity}, {@code medications}): whether one is given, taking it away, and giving it
 * with a value that meets what a rule's conditions on it ask for (the limit crossed, the literal, a
 * catalogue name of the group). Test code: it reads the rule's comparisons from the parsed DRL, as the
 * explanations do, but decides values itself.
 */
final class RequestEdits {

    static final ObjectMapper JSON = StrictJson.newMapper();

    private RequestEdits() {
    }

    static boolean presentIn(JsonNode request, String input) {
        InputSection section = InputSection.ofInput(input).orElseThrow();
        JsonNode at = at(request, section.path());
        if (at == null || at.isNull()) {
            return false;
        }
        return switch (section.shape()) {
            case LIST -> true;
            case KEYED_LIST -> input.equals(section.path())
                    || elements(at).anyMatch(e -> section.keyedInput(e.path(section.key()).asText()).equals(input));
            case FIELDS -> input.equals(section.path()) || at.hasNonNull(input.substring(section.path().length() + 1));
        };
    }

    static void remove(ObjectNode request, String input) {
        InputSection section = InputSection.ofInput(input).orElseThrow();
        JsonNode at = at(request, section.path());
        switch (section.shape()) {
            case LIST -> removePath(request, section.path());
            case KEYED_LIST -> {
                ArrayNode kept = JSON.createArrayNode();
                elements(at).filter(e -> !section.keyedInput(e.path(section.key()).asText()).equals(input)).forEach(kept::add);
                setPath(request, section.path(), kept);
            }
            case FIELDS -> {
                if (input.equals(section.path())) {
                    removePath(request, section.path());
                } else {
                    ((ObjectNode) at).remove(input.substring(section.path().length() + 1));
                }
            }
        }
    }

    /**
     * Gives the input a value that meets the rule's conditions on it; {@code false} when the rule's
     * conditions on it are of a kind this helper cannot meet.
     */
    static boolean giveMeeting(ObjectNode request, Ruleset ruleset, DrlOutline.RuleDeclaration rule, String input) {
        InputSection section = InputSection.ofInput(input).orElseThrow();
        Map<String, Threshold> thresholds = thresholdsByBinding(ruleset, rule);
        ReferenceData reference = ruleset.reference();
        for (DrlOutline.Pattern pattern : rule.patterns()) {
            if (pattern.negated() || !pattern.simpleType().equals(section.factType().getSimpleName())) {
                continue;
            }
            List<Comparison> comparisons = comparisons(pattern, thresholds);
            switch (section.shape()) {
                case KEYED_LIST -> {
                    String key = comparisons.stream().filter(c -> c.field().equals(section.key())).map(Comparison::constant)
                            .findFirst().orElse(null);
                    if (key == null || !section.keyedInput(key).equals(input)) {
                        continue;
                    }
                    Comparison value = comparisons.stream().filter(c -> c.threshold() != null).findFirst().orElse(null);
                    ArrayNode labs = at(request, section.path()) instanceof ArrayNode existing ? existing : request.putArray(section.path());
                    double canonical = value == null ? 1 : meeting(value.operator(), value.threshold().value(), false);
                    String unit = value == null ? "mmol/L" : value.threshold().unit();
                    labs.addObject().put("analyte", key).put("value", canonical).put("unit", unit);
                    return true;
                }
                case FIELDS -> {
                    ObjectNode fields = at(request, section.path()) instanceof ObjectNode existing ? existing : JSON.createObjectNode();
                    setPath(request, section.path(), fields);
                    if (input.equals(section.path())) {
                        return true;
                    }
                    String field = input.substring(section.path().length() + 1);
                    for (Comparison c : comparisons) {
                        if (!c.field().equals(field)) {
                            continue;
                        }
                        if (c.threshold() != null) {
                            boolean whole = wholeNumber(section, field);
                            double number = meeting(c.operator(), c.threshold().value(), whole);
                            if (whole) {
                                fields.put(field, (int) number);
                            } else {
                                fields.put(field, number);
                            }
                        } else if (c.operator().equals("==") && (c.constant().equals("true") || c.constant().equals("false"))) {
                            fields.put(field, Boolean.parseBoolean(c.constant()));
                        } else if (c.operator().equals("==")) {
                            fields.put(field, c.constant());
                        } else {
                            return false;
                        }
                        return true;
                    }
                    return false;
                }
                case LIST -> {
                    String entry = listEntryMeeting(reference, section, comparisons);
                    if (entry == null) {
                        return false;
                    }
                    ArrayNode list = JSON.createArrayNode();
                    if (section == InputSection.MEDICATIONS) {
                        list.addObject().put("name", entry);
                    } else {
                        list.add(entry);
                    }
                    setPath(request, section.path(), list);
                    return true;
                }
            }
        }
        return false;
    }

    private static String listEntryMeeting(ReferenceData reference, InputSection section, List<Comparison> comparisons) {
        Comparison c = comparisons.isEmpty() ? null : comparisons.get(0);
        return switch (section) {
            case CONDITIONS -> reference.conditions().entries().stream()
                    .filter(e -> c == null || e.group().equals(c.constant())).map(ReferenceData.ConditionEntry::name)
                    .findFirst().orElse(null);
            case MEDICATIONS -> reference.medications().entries().stream()
                    .filter(e -> c == null || e.groups().contains(c.constant())).map(ReferenceData.MedicationEntry::generic)
                    .findFirst().orElse(null);
            case HERBAL_SUPPLEMENTS -> reference.herbalSupplements().entries().get(0).name();
            case SYMPTOMS -> c == null ? "tremor" : c.constant();
            case DIET -> c == null ? "magnesium" : c.constant();
            default -> null;
        };
    }

    /** A value that meets {@code value operator limit}, a clear step inside the limit. */
    static double meeting(String operator, double limit, boolean whole) {
        double step = whole ? 1 : Math.max(0.05, Math.abs(limit) * 0.1);
        double value = switch (operator) {
            case "<" -> limit - step;
            case "<=" -> limit;
            case ">" -> limit + step;
            case ">=" -> limit;
            default -> limit;
        };
        return whole ? Math.max(0, Math.round(value)) : Math.round(value * 100) / 100.0;
    }

    private static boolean wholeNumber(InputSection section, String field) {
        for (var component : section.factType().getRecordComponents()) {
            if (component.getName().equals(field)) {
                return component.getType() == Integer.class || component.getType() == int.class;
            }
        }
        return false;
    }

    /** {@code field op constant} or {@code field op $threshold.value} in a pattern. */
    record Comparison(String field, String operator, String constant, Threshold threshold) {
    }

    static List<Comparison> comparisons(DrlOutline.Pattern pattern, Map<String, Threshold> thresholds) {
        List<Comparison> found = new ArrayList<>();
        for (ConstraintPart part : ConstraintPart.of(pattern)) {
            if (part.parsed() instanceof RelationalExprDescr relation && relation.getLeft() instanceof AtomicExprDescr left
                    && relation.getRight() instanceof AtomicExprDescr right && Operands.isField(left)) {
                String text = right.getExpression().strip();
                Threshold threshold = text.endsWith(".value") ? thresholds.get(text.substring(0, text.indexOf('.'))) : null;
                found.add(new Comparison(Operands.field(left), relation.getOperator(), Operands.constant(right), threshold));
            }
        }
        return found;
    }

    static Map<String, Threshold> thresholdsByBinding(Ruleset ruleset, DrlOutline.RuleDeclaration rule) {
        Map<String, Threshold> byBinding = new LinkedHashMap<>();
        for (DrlOutline.Pattern pattern : rule.patterns()) {
            if (pattern.simpleType().equals("Threshold") && pattern.binding() != null) {
                for (ConstraintPart part : ConstraintPart.of(pattern)) {
                    for (ConstraintPart.Comparison c : part.comparisons()) {
                        ruleset.reference().thresholds().stream().filter(t -> t.name().equals(c.value())).findFirst()
                                .ifPresent(t -> byBinding.put(pattern.binding(), t));
                    }
                }
            }
        }
        return byBinding;
    }

    static Stream<JsonNode> elements(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        if (array != null) {
            array.forEach(nodes::add);
        }
        return nodes.stream();
    }

    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            node = node == null ? null : node.get(name);
        }
        return node;
    }

    static void setPath(ObjectNode root, String path, JsonNode value) {
        String[] names = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < names.length - 1; i++) {
            node = node.get(names[i]) instanceof ObjectNode existing ? existing : node.putObject(names[i]);
        }
        node.set(names[names.length - 1], value);
    }

    static void removePath(ObjectNode root, String path) {
        String[] names = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < names.length - 1 && node != null; i++) {
            node = node.get(names[i]);
        }
        if (node instanceof ObjectNode parent) {
            parent.remove(names[names.length - 1]);
        }
    }
}
