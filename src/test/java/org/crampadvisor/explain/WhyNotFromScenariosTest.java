package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.FactMapper;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.Numbers;
import org.crampadvisor.model.Threshold;
import org.crampadvisor.scenario.Scenario;
import org.crampadvisor.scenario.ScenarioLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule that can conclude a cause, tested on its why-not text, with cases generated from the
 * scenarios rather than copied from output: from a scenario where the rule fires, the request is cut down
 * to what the rule reads; then each input it reads is taken away (the rule must say exactly that input is
 * missing) and each comparison it makes is broken with a value just across its limit (the rule must say
 * that the condition is not met, with the value sent, the limit, and the fact's trace id).
 */
class WhyNotFromScenariosTest {

    private static final ObjectMapper JSON = StrictJson.newMapper();
    private static final Path SCENARIOS = RulesFolderFixture.RULES.resolve("scenarios");

    /** One generated case. */
    record Case(String rule, String kind, String description, JsonNode request, String input, String condition,
                List<String> textParts, Integer factIndex) {
    }

    @TestFactory
    Stream<DynamicTest> everyCauseRuleExplainsAMissingInputAndAnUnmetComparison() throws Exception {
        Ruleset ruleset = RulesFolderFixture.ruleset();
        return cases(ruleset).stream().map(c -> DynamicTest.dynamicTest(c.rule() + ": " + c.description(), () -> check(ruleset, c)));
    }

    @Test
    void shouldCoverEveryRuleThatCanConcludeACause() throws Exception {
        Ruleset ruleset = RulesFolderFixture.ruleset();
        Explanations explanations = Explanations.of(ruleset);
        Map<String, Set<String>> kindsByRule = new LinkedHashMap<>();
        for (CauseCode cause : CauseCode.values()) {
            explanations.links().concluding(cause).forEach(rule -> kindsByRule.putIfAbsent(rule, new TreeSet<>()));
        }
        for (Case c : cases(ruleset)) {
            kindsByRule.get(c.rule()).add(c.kind());
        }
        for (Map.Entry<String, Set<String>> rule : kindsByRule.entrySet()) {
            DrlOutline.RuleDeclaration declaration = explanations.links().node(rule.getKey()).declaration();
            boolean compares = comparisons(declaration).stream().anyMatch(c -> c.part() != null);
            assertThat(rule.getValue()).as(rule.getKey()).contains(WhyNot.MISSING);
            if (compares) {
                assertThat(rule.getValue()).as(rule.getKey()).contains(WhyNot.NOT_MET);
            }
        }
        assertThat(kindsByRule).hasSizeGreaterThanOrEqualTo(20);
    }

    private static void check(Ruleset ruleset, Case c) throws Exception {
        EvaluationRequest request = JSON.treeToValue(c.request(), EvaluationRequest.class);
        Recommendation answer = new Evaluator().evaluate(request, ruleset, Evaluator.Explanation.WHY_NOT);
        assertThat(answer.rulesFired()).as("rules fired").doesNotContain(c.rule());
        WhyNot.RuleWhyNot entry = answer.whyNot().stream().flatMap(w -> w.rules().stream())
                .filter(r -> r.rule().equals(c.rule())).findFirst()
                .orElseThrow(() -> new AssertionError(c.rule() + " is not in whyNot of " + c.request()));
        assertThat(entry.kind()).as("kind").isEqualTo(c.kind());
        assertThat(entry.condition()).as("condition").isEqualTo(c.condition());
        assertThat(entry.input()).as("input").isEqualTo(c.input());
        for (String part : c.textParts()) {
            assertThat(entry.text()).as("text").contains(part);
        }
        if (c.factIndex() != null) {
            // Ids follow insertion order: the thresholds of the table, then the request's facts in mapping order.
            int expectedId = ruleset.reference().thresholds().size() + c.factIndex() + 1;
            assertThat(entry.facts()).as("facts").contains(expectedId);
        } else {
            assertThat(entry.facts()).as("facts").isEmpty();
        }
    }

    // ---- generating the cases

    static List<Case> cases(Ruleset ruleset) throws Exception {
        Explanations explanations = Explanations.of(ruleset);
        Map<String, JsonNode> firing = firstScenarioFiring(ruleset);
        List<Case> cases = new ArrayList<>();
        Set<String> rules = new LinkedHashSet<>();
        for (CauseCode cause : CauseCode.values()) {
            rules.addAll(explanations.links().concluding(cause));
        }
        for (String rule : rules) {
            JsonNode scenario = firing.get(rule);
            if (scenario == null) {
                continue;
            }
            DrlOutline.RuleDeclaration declaration = explanations.links().node(rule).declaration();
            ObjectNode minimal = onlyWhatTheRuleReads(ruleset, declaration, scenario);
            for (String input : RuleLinks.inputsOf(declaration)) {
                if (!RequestEdits.presentIn(minimal, input)) {
                    continue;
                }
                ObjectNode without = minimal.deepCopy();
                RequestEdits.remove(without, input);
                if (!causeAbsent(ruleset, rule, without)) {
                    continue;
                }
                cases.add(new Case(rule, WhyNot.MISSING, "without " + input, without, input,
                        firstConditionReading(declaration, input),
                        List.of(Texts.capitalised(ruleset.reference().labels().get(input).label() + " not reported")), null));
            }
            for (Comparison comparison : comparisons(declaration)) {
                if (comparison.part() == null) {
                    continue;
                }
                Case broken = broken(ruleset, rule, declaration, minimal, comparison);
                if (broken != null) {
                    cases.add(broken);
                }
            }
        }
        return cases;
    }

    /** For each rule, the request of the first scenario (by file name) in which it fires. */
    private static Map<String, JsonNode> firstScenarioFiring(Ruleset ruleset) throws Exception {
        Map<String, JsonNode> firing = new LinkedHashMap<>();
        Evaluator evaluator = new Evaluator();
        for (Path file : ScenarioLoader.scenarioFiles(SCENARIOS)) {
            Scenario scenario = ScenarioLoader.load(SCENARIOS, file).scenario();
            for (String rule : evaluator.evaluate(scenario.given(), ruleset).rulesFired()) {
                firing.putIfAbsent(rule, JSON.valueToTree(scenario.given()));
            }
        }
        return firing;
    }

    /** The request with only what the rule reads (its sections, fields and labs); the rule still fires on it. */
    private static ObjectNode onlyWhatTheRuleReads(Ruleset ruleset, DrlOutline.RuleDeclaration rule, JsonNode given)
            throws Exception {
        List<String> inputs = RuleLinks.inputsOf(rule);
        ObjectNode minimal = JSON.createObjectNode();
        for (String input : inputs) {
            InputSection section = InputSection.ofInput(input).orElseThrow();
            JsonNode at = RequestEdits.at(given, section.path());
            if (at == null) {
                continue;
            }
            switch (section.shape()) {
                case LIST -> RequestEdits.setPath(minimal, section.path(), at.deepCopy());
                case KEYED_LIST -> {
                    ArrayNode kept = RequestEdits.at(minimal, section.path()) instanceof ArrayNode existing ? existing : JSON.createArrayNode();
                    RequestEdits.elements(at).filter(e -> input.equals(section.path())
                            || section.keyedInput(e.path(section.key()).asText()).equals(input)).forEach(e -> kept.add(e.deepCopy()));
                    RequestEdits.setPath(minimal, section.path(), kept);
                }
                case FIELDS -> {
                    ObjectNode kept = RequestEdits.at(minimal, section.path()) instanceof ObjectNode existing ? existing : JSON.createObjectNode();
                    if (input.equals(section.path())) {
                        kept.setAll((ObjectNode) at.deepCopy());
                    } else {
                        String field = input.substring(section.path().length() + 1);
                        if (at.has(field)) {
                            kept.set(field, at.get(field).deepCopy());
                        }
                    }
                    RequestEdits.setPath(minimal, section.path(), kept);
                }
            }
        }
        return firesOn(ruleset, rule, minimal) ? minimal : (ObjectNode) given.deepCopy();
    }

    private static boolean firesOn(Ruleset ruleset, DrlOutline.RuleDeclaration rule, JsonNode request) throws Exception {
        return new Evaluator().evaluate(JSON.treeToValue(request, EvaluationRequest.class), ruleset).rulesFired()
                .contains(rule.name());
    }

    /** Whether no rule concludes any cause this rule could: its why-not is then in the answer. */
    private static boolean causeAbsent(Ruleset ruleset, String rule, JsonNode request) throws Exception {
        Set<CauseCode> couldConclude = Explanations.of(ruleset).links().couldConclude(rule);
        return new Evaluator().evaluate(JSON.treeToValue(request, EvaluationRequest.class), ruleset).causes().stream()
                .noneMatch(c -> couldConclude.contains(c.code()));
    }

    /** A comparison a rule's pattern makes on an input field, with what it compares against. */
    record Comparison(DrlOutline.Pattern pattern, InputSection section, ConstraintPart part, String field,
                      String operator, String constant, Threshold threshold) {
    }

    static List<Comparison> comparisons(DrlOutline.RuleDeclaration rule) {
        Map<String, Threshold> thresholdsByBinding = RequestEdits.thresholdsByBinding(RulesFolderFixture.ruleset(), rule);
        List<Comparison> comparisons = new ArrayList<>();
        for (DrlOutline.Pattern pattern : rule.patterns()) {
            InputSection section = InputSection.ofType(pattern.simpleType()).orElse(null);
            if (section == null || pattern.negated()) {
                continue;
            }
            List<ConstraintPart> parts = ConstraintPart.of(pattern);
            if (parts.isEmpty()) {
                comparisons.add(new Comparison(pattern, section, null, null, null, null, null));
            }
            for (ConstraintPart part : parts) {
                if (!(part.parsed() instanceof org.drools.drl.ast.descr.RelationalExprDescr relation)
                        || !(relation.getLeft() instanceof org.drools.drl.ast.descr.AtomicExprDescr left)
                        || !(relation.getRight() instanceof org.drools.drl.ast.descr.AtomicExprDescr right)) {
                    continue;
                }
                String field = Operands.field(left);
                if (section.shape() == InputSection.Shape.KEYED_LIST && field.equals(section.key())) {
                    continue; // picking the lab is not a comparison of its value
                }
                String constant = Operands.constant(right);
                Threshold threshold = null;
                String text = right.getExpression().strip();
                if (constant == null && text.endsWith(".value")) {
                    threshold = thresholdsByBinding.get(text.substring(0, text.indexOf('.')));
                }
                if (constant != null || threshold != null) {
                    comparisons.add(new Comparison(pattern, section, part, field, relation.getOperator(), constant, threshold));
                }
            }
        }
        return comparisons;
    }

    /** The request with one comparison of the rule broken by a value just across its limit, or {@code null}. */
    private static Case broken(Ruleset ruleset, String rule, DrlOutline.RuleDeclaration declaration, ObjectNode minimal,
                               Comparison comparison) throws Exception {
        ObjectNode request = minimal.deepCopy();
        ReferenceData reference = ruleset.reference();
        List<String> textParts = new ArrayList<>();
        String condition = comparison.part().text();
        switch (comparison.section().shape()) {
            case KEYED_LIST -> {
                String analyte = keyOf(declaration, comparison.pattern());
                double value = acrossTheLimit(comparison.operator(), comparison.threshold().value(), false);
                ArrayNode labs = request.putArray(comparison.section().path());
                labs.addObject().put("analyte", analyte).put("value", value).put("unit", comparison.threshold().unit());
                textParts.add(Texts.capitalised(reference.labels().get(comparison.section().keyedInput(analyte)).label()));
                textParts.add(Numbers.format(value) + " " + comparison.threshold().unit());
                textParts.add(comparison.threshold().describe());
            }
            case FIELDS -> {
                ObjectNode section = (ObjectNode) request.path(comparison.section().path());
                String label = Texts.capitalised(reference.labels().get(comparison.section().fieldInput(comparison.field())).label());
                textParts.add(label);
                if (comparison.threshold() != null) {
                    boolean whole = isWholeNumber(comparison.section(), comparison.field());
                    double value = acrossTheLimit(comparison.operator(), comparison.threshold().value(), whole);
                    if (whole) {
                        section.put(comparison.field(), (int) value);
                    } else {
                        section.put(comparison.field(), value);
                    }
                    textParts.add(Numbers.format(value));
                    textParts.add(comparison.threshold().describe());
                } else if (comparison.constant().equals("true") || comparison.constant().equals("false")) {
                    boolean expected = Boolean.parseBoolean(comparison.constant());
                    section.put(comparison.field(), !expected);
                    textParts.add("is " + (expected ? "no, not yes" : "yes, not no"));
                } else {
                    String other = otherCode(comparison.section(), comparison.field(), comparison.constant());
                    section.put(comparison.field(), other);
                    textParts.add("is " + other + ", not " + comparison.constant());
                }
            }
            case LIST -> {
                String entry = listEntryThatFails(reference, comparison);
                if (entry == null) {
                    return null;
                }
                ArrayNode list = JSON.createArrayNode();
                if (comparison.section() == InputSection.MEDICATIONS) {
                    list.addObject().put("name", entry);
                } else {
                    list.add(entry);
                }
                RequestEdits.setPath(request, comparison.section().path(), list);
                textParts.add(reference.labels().get(comparison.section().path()).label());
                textParts.add(entry);
            }
        }
        if (!causeAbsent(ruleset, rule, request)) {
            return null; // another rule still concludes the cause: no why-not to look at
        }
        EvaluationRequest parsed = JSON.treeToValue(request, EvaluationRequest.class);
        int factIndex = factIndexOf(parsed, reference, comparison.section());
        return new Case(rule, WhyNot.NOT_MET, condition + " broken", request, null, condition, textParts, factIndex);
    }

    private static double acrossTheLimit(String operator, double limit, boolean whole) {
        double step = whole ? 1 : 0.5;
        return switch (operator) {
            case "<", ">" -> limit;          // strict: the limit itself is not across it
            case "<=" -> limit + step;
            case ">=" -> limit - step;
            default -> throw new IllegalArgumentException("no value across " + operator);
        };
    }

    private static boolean isWholeNumber(InputSection section, String field) {
        for (var component : section.factType().getRecordComponents()) {
            if (component.getName().equals(field)) {
                return component.getType() == Integer.class || component.getType() == int.class;
            }
        }
        return false;
    }

    /** Another value the request accepts for an enumerated field. */
    private static String otherCode(InputSection section, String field, String code) throws Exception {
        Class<?> requestSection = java.util.Arrays.stream(EvaluationRequest.class.getRecordComponents())
                .filter(c -> c.getName().equals(section.path())).findFirst().orElseThrow().getType();
        for (var component : requestSection.getRecordComponents()) {
            if (component.getName().equals(field) && component.getType().isEnum()) {
                for (Object constant : component.getType().getEnumConstants()) {
                    String other = ((org.crampadvisor.evaluation.Codes.Coded) constant).code();
                    if (!other.equals(code)) {
                        return other;
                    }
                }
            }
        }
        throw new IllegalStateException(section.path() + "." + field + " has no other value than " + code);
    }

    /** A catalogue name that does not meet a list pattern's condition: another group, or a name the catalogue lacks. */
    private static String listEntryThatFails(ReferenceData reference, Comparison comparison) {
        String wanted = comparison.constant();
        return switch (comparison.section()) {
            case CONDITIONS -> reference.conditions().entries().stream().filter(e -> !e.group().equals(wanted))
                    .map(ReferenceData.ConditionEntry::name).findFirst().orElse("a condition the catalogue lacks");
            case MEDICATIONS -> reference.medications().entries().stream().filter(e -> !e.groups().contains(wanted))
                    .map(ReferenceData.MedicationEntry::generic).findFirst().orElse("a medicine the catalogue lacks");
            case HERBAL_SUPPLEMENTS -> "chamomile tea";
            default -> null;
        };
    }

    private static String keyOf(DrlOutline.RuleDeclaration rule, DrlOutline.Pattern pattern) {
        for (ConstraintPart part : ConstraintPart.of(pattern)) {
            for (ConstraintPart.Comparison c : part.comparisons()) {
                if (c.field().equals("analyte")) {
                    return c.value();
                }
            }
        }
        throw new IllegalStateException(rule.name() + " picks no analyte");
    }

    /** Where the section's first fact is among the facts the request maps to. */
    private static int factIndexOf(EvaluationRequest request, ReferenceData reference, InputSection section) {
        List<Object> facts = FactMapper.toFacts(request, reference);
        for (int i = 0; i < facts.size(); i++) {
            if (section.factType().isInstance(facts.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no " + section + " fact");
    }

    /** The text of the first condition of the rule that reads the input, as why-not quotes it. */
    private static String firstConditionReading(DrlOutline.RuleDeclaration rule, String input) {
        InputSection section = InputSection.ofInput(input).orElseThrow();
        for (DrlOutline.Pattern pattern : rule.patterns()) {
            if (!pattern.simpleType().equals(section.factType().getSimpleName())) {
                continue;
            }
            List<ConstraintPart> parts = ConstraintPart.of(pattern);
            if (parts.isEmpty()) {
                return (pattern.binding() == null ? "" : pattern.binding() + " : ") + pattern.type() + "()";
            }
            for (ConstraintPart part : parts) {
                boolean reads = switch (section.shape()) {
                    case LIST -> true;
                    case KEYED_LIST -> part.comparisons().stream().anyMatch(c -> c.field().equals(section.key())
                            && section.keyedInput(c.value()).equals(input));
                    case FIELDS -> part.referencedFields(section.fields()).stream().anyMatch(f -> section.fieldInput(f).equals(input));
                };
                if (reads) {
                    return part.text();
                }
            }
        }
        throw new IllegalStateException(rule.name() + " does not read " + input);
    }
}
