package org.crampadvisor.explain;

import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.model.AdviceReason;
import org.crampadvisor.model.AdviceWithheld;
import org.crampadvisor.model.CauseEvidence;
import org.crampadvisor.model.Numbers;
import org.crampadvisor.model.Threshold;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.kie.api.runtime.rule.QueryResultsRow;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts an unmet condition into words, with the values compared: "Serum potassium 3.6 mmol/L is not below
 * 3.5 mmol/L", "Activity intensity is light, not intense", "None of the recorded conditions has catalogue
 * group kidney: hypertension (catalogue group none)". The sentence comes from the condition's operator; the
 * names from {@link Labels}; the values from the facts Drools matched (read, never compared, here).
 */
final class Texts {

    private static final Map<String, String> NOT_MET = Map.of(
            "<", "is not below", "<=", "is above", ">", "is not above", ">=", "is below",
            "contains", "does not contain", "not contains", "contains", "memberOf", "is not one of",
            "not memberOf", "is one of", "matches", "does not match", "not matches", "matches");
    private static final Map<String, String> WANTED = Map.of(
            "<", "below", "<=", "at most", ">", "above", ">=", "at least", "contains", "including",
            "not contains", "not including", "memberOf", "among", "not memberOf", "not among", "matches", "matching",
            "not matches", "not matching");
    private static final Map<Class<?>, Map<String, Method>> ACCESSORS = new ConcurrentHashMap<>();

    private final Labels labels;

    Texts(Labels labels) {
        this.labels = labels;
    }

    String notReported(String input) {
        return capitalised(labels.of(input) + " not reported");
    }

    /** A pattern's condition on input facts that none of them meets. */
    String unmet(InputSection section, DrlOutline.Pattern pattern, ConstraintPart part, List<Object> candidates,
                 QueryResultsRow row) {
        if (part == null) {
            return capitalised(labels.of(section.path()) + ": none reported");
        }
        Relation relation = Relation.of(part, section.fields());
        if (relation == null) {
            return generic(part.text(), candidates);
        }
        Expected expected = expected(relation.other(), row);
        if (section.shape() == InputSection.Shape.LIST) {
            return listSentence(section, pattern, relation, expected, candidates);
        }
        List<String> clauses = new ArrayList<>();
        for (Object candidate : candidates) {
            String label = section.shape() == InputSection.Shape.KEYED_LIST
                    ? labels.of(section.keyedInput(String.valueOf(read(candidate, section.key()))))
                    : fieldLabel(section, pattern, relation.field());
            Object actual = read(candidate, relation.field());
            // A lab shows its value as sent and as compared ("1.9 mg/dL (0.78 mmol/L)"), as in its findings.
            Object shown = section.shape() == InputSection.Shape.KEYED_LIST && actual instanceof Number
                    && read(candidate, "describe") instanceof String described ? new Described(described) : actual;
            clauses.add(clause(label, shown, relation.operator(), expected));
        }
        return clauses.isEmpty() ? generic(part.text(), candidates) : capitalised(String.join("; ", clauses));
    }

    /** The same, after earlier conditions matched other facts: says which. */
    String afterEarlier(String text, List<Object> earlier) {
        List<String> matched = new ArrayList<>();
        for (Object fact : earlier) {
            if (!(fact instanceof Threshold)) {
                matched.add(describe(fact));
            }
        }
        return matched.isEmpty() ? text : text + " (its earlier conditions matched " + String.join(", ", matched) + ")";
    }

    String noLookup(DrlOutline.Pattern pattern, String condition) {
        return capitalised("no " + Labels.words(pattern.simpleType()) + " in the tables matches " + condition);
    }

    /** A pattern on facts that only rules conclude, none of which meets it. */
    String waitsFor(DrlOutline.Pattern pattern, ConstraintPart part, List<Object> candidates, QueryResultsRow row,
                    List<String> producers, Collection<String> fired) {
        String what = Labels.words(pattern.simpleType());
        StringBuilder text = new StringBuilder();
        if (candidates.isEmpty() || part == null) {
            text.append("It needs a ").append(what).append(part == null ? "" : " with " + part.text())
                    .append(", which no rule has concluded");
        } else {
            List<String> found = candidates.stream().map(this::describe).toList();
            text.append("It needs a ").append(what).append(" with ").append(part.text()).append(", but ")
                    .append(found.size() == 1 ? "the one concluded is " : "those concluded are ").append(String.join(", ", found));
        }
        if (producers.isEmpty()) {
            text.append("; no rule concludes one");
        } else {
            List<String> waiting = producers.stream().filter(p -> !fired.contains(p)).map(p -> "\"" + p + "\"").toList();
            text.append(waiting.isEmpty() ? "" : "; it would come from " + String.join(", ", waiting) + ", which did not fire");
        }
        return capitalised(text.toString());
    }

    /** A {@code not} that found what it forbids. */
    String forbiddenPresent(List<Object> blocking, List<String> concludedBy) {
        if (blocking.isEmpty()) {
            return "What it requires to be absent is present";
        }
        List<String> found = blocking.stream().map(this::describe).toList();
        return "It requires none, but there " + (found.size() == 1 ? "is " : "are ") + String.join(", ", found)
                + (concludedBy.isEmpty() ? "" : ", concluded by " + String.join(", ", concludedBy.stream().map(r -> "\"" + r + "\"").toList()));
    }

    String elementUnmet(DrlOutline.Element element, List<String> producers, Collection<String> fired) {
        String text = element.text().strip() + (element.kind() == DrlOutline.Element.Kind.EVAL ? " is false" : " is not met");
        List<String> waiting = producers.stream().distinct().filter(p -> !fired.contains(p)).map(p -> "\"" + p + "\"").toList();
        return capitalised(waiting.isEmpty() ? text : text + "; it waits on " + String.join(", ", waiting) + ", which did not fire");
    }

    // ---- sentences

    private String clause(String label, Object actual, String operator, Expected expected) {
        String value = value(actual, expected.unit());
        return switch (operator) {
            case "==" -> label + " is " + value + ", not " + expected.shown();
            case "!=" -> label + " is " + value + ", which the rule excludes";
            default -> NOT_MET.containsKey(operator) ? label + " " + value + " " + NOT_MET.get(operator) + " " + expected.shown()
                    : label + " " + value + " does not meet " + operator + " " + expected.shown();
        };
    }

    private String listSentence(InputSection section, DrlOutline.Pattern pattern, Relation relation, Expected expected,
                                List<Object> candidates) {
        String list = labels.of(section.path());
        String field = labels.of(pattern.simpleType() + "." + relation.field());
        String wanted = switch (relation.operator()) {
            case "==" -> field + " " + expected.shown();
            case "!=" -> expected.value() == null ? "a " + field : "a " + field + " other than " + expected.shown();
            default -> field + " " + WANTED.getOrDefault(relation.operator(), relation.operator()) + " " + expected.shown();
        };
        if (candidates.isEmpty()) {
            return capitalised("no " + list + " are reported, so none has " + wanted);
        }
        List<String> each = new ArrayList<>();
        for (Object candidate : candidates) {
            each.add(name(candidate) + " (" + field + " " + value(read(candidate, relation.field()), expected.unit()) + ")");
        }
        return capitalised("none of the " + list + " has " + wanted + ": " + String.join(", ", each));
    }

    private String fieldLabel(InputSection section, DrlOutline.Pattern pattern, String fieldPath) {
        String first = fieldPath.contains(".") ? fieldPath.substring(0, fieldPath.indexOf('.')) : fieldPath;
        return section.fields().contains(first) ? labels.of(section.fieldInput(first)) : labels.of(pattern.simpleType() + "." + first);
    }

    private String generic(String condition, List<Object> candidates) {
        if (candidates.isEmpty()) {
            return capitalised(condition + " does not hold: there is no fact to test it on");
        }
        return capitalised(condition + " does not hold for " + String.join(", ", candidates.stream().map(this::describe).toList()));
    }

    // ---- values

    /** The other side of a comparison, as shown, and the unit a number compared with it is in. */
    private record Expected(Object value, String shown, String unit) {
    }

    private static Expected expected(AtomicExprDescr operand, QueryResultsRow row) {
        String constant = Operands.constant(operand);
        if (constant != null) {
            boolean isNull = operand.isLiteral() && constant.equals("null");
            return new Expected(isNull ? null : constant, isNull ? "not reported" : shownConstant(constant), null);
        }
        String text = operand.getExpression().strip();
        if (row != null && Operands.isBinding(operand)) {
            int dot = text.indexOf('.');
            String binding = dot < 0 ? text : text.substring(0, dot);
            Object bound = row.get(binding);
            if (bound instanceof Threshold threshold && dot > 0 && text.substring(dot + 1).equals("value")) {
                return new Expected(threshold.value(), threshold.describe(), threshold.unit());
            }
            if (bound != null) {
                Object value = dot < 0 ? bound : read(bound, text.substring(dot + 1));
                return new Expected(value, value(value, null), null);
            }
        }
        return new Expected(text, text, null);
    }

    private static String shownConstant(String constant) {
        return switch (constant) {
            case "true" -> "yes";
            case "false" -> "no";
            default -> constant.matches("[A-Z][A-Z0-9_]*") ? constant : constant.replace('_', ' ');
        };
    }

    /** A value already in words, with its unit. */
    private record Described(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    static String value(Object value, String unit) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Described described) {
            return described.text();
        }
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        if (value instanceof Number number) {
            String shown = Numbers.format(number.doubleValue());
            return unit == null || unit.isEmpty() ? shown : shown + " " + unit;
        }
        if (value instanceof Collection<?> values) {
            return values.isEmpty() ? "none" : String.join(", ", values.stream().map(v -> value(v, null)).toList());
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value.toString();
    }

    /** A fact in a few words: "hypertension (conditions[0])", "activity", "Serum potassium 3.1 mmol/L is below 3.5 mmol/L". */
    String describe(Object fact) {
        if (fact instanceof CauseEvidence evidence) {
            return evidence.finding() + " (" + evidence.cause() + ")";
        }
        if (fact instanceof AdviceReason reason) {
            return "advice " + reason.advice() + " because of " + reason.because();
        }
        if (fact instanceof AdviceWithheld withheld) {
            return "withheld " + withheld.advice() + " because of " + withheld.because();
        }
        if (fact instanceof Threshold threshold) {
            return "threshold " + threshold.name() + " (" + threshold.describe() + ")";
        }
        Object origin = read(fact, InputSection.ORIGIN_FIELD);
        InputSection section = InputSection.ofType(fact.getClass().getSimpleName()).orElse(null);
        if (origin != null && section != null) {
            return section.shape() == InputSection.Shape.FIELDS ? origin.toString() : name(fact) + " (" + origin + ")";
        }
        return Labels.words(fact.getClass().getSimpleName());
    }

    /** What a list entry is called: its first text field after where it came from (a name, a code, a nutrient). */
    private static String name(Object fact) {
        if (fact instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getType() == String.class && !component.getName().equals(InputSection.ORIGIN_FIELD)) {
                    Object value = read(fact, component.getName());
                    if (value != null) {
                        return value.toString();
                    }
                }
            }
        }
        return String.valueOf(read(fact, InputSection.ORIGIN_FIELD));
    }

    /** A field, or a path of fields, of a fact, read through its accessors; {@code null} when there is none. */
    static Object read(Object fact, String path) {
        Object value = fact;
        for (String field : path.split("\\.")) {
            if (value == null) {
                return null;
            }
            Method accessor = ACCESSORS.computeIfAbsent(value.getClass(), Texts::accessors).get(field);
            if (accessor == null) {
                return null;
            }
            try {
                value = accessor.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return value;
    }

    private static Map<String, Method> accessors(Class<?> type) {
        Map<String, Method> accessors = new java.util.HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && method.getReturnType() != void.class
                    && java.lang.reflect.Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                String name = method.getName();
                accessors.putIfAbsent(name, method);
                if (name.startsWith("get") && name.length() > 3) {
                    accessors.putIfAbsent(Character.toLowerCase(name.charAt(3)) + name.substring(4), method);
                } else if (name.startsWith("is") && name.length() > 2) {
                    accessors.putIfAbsent(Character.toLowerCase(name.charAt(2)) + name.substring(3), method);
                }
            }
        }
        return accessors;
    }

    static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /**
     * A comparison of a field of the pattern's fact with something else.
     *
     * @param field    the field (or path) on the fact's side
     * @param operator the operator, as if the field were on the left
     * @param other    the other side
     */
    private record Relation(String field, String operator, AtomicExprDescr other) {

        static Relation of(ConstraintPart part, java.util.Set<String> fields) {
            if (!(part.parsed() instanceof RelationalExprDescr relation) || relation.isNegated()
                    || relation.getParameters() != null
                    || !(relation.getLeft() instanceof AtomicExprDescr left)
                    || !(relation.getRight() instanceof AtomicExprDescr right)) {
                return null;
            }
            if (isOwnField(left, fields) && !isOwnField(right, fields)) {
                return new Relation(Operands.field(left), relation.getOperator(), right);
            }
            if (isOwnField(right, fields) && !isOwnField(left, fields) && !relation.getOperator().contains("contains")
                    && !relation.getOperator().contains("memberOf") && !relation.getOperator().contains("matches")) {
                return new Relation(Operands.field(right), Operands.mirrored(relation.getOperator()), left);
            }
            return null;
        }

        private static boolean isOwnField(AtomicExprDescr operand, java.util.Set<String> fields) {
            if (!Operands.isField(operand)) {
                return false;
            }
            String field = Operands.field(operand);
            return fields.contains(field.contains(".") ? field.substring(0, field.indexOf('.')) : field);
        }
    }
}
