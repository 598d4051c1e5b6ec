package org.crampadvisor.lifecycle;

import org.crampadvisor.engine.ConsequenceOutline;
import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.engine.FindingPlaceholder;
import org.crampadvisor.engine.FindingTemplate;
import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.engine.RulesetFile;
import org.crampadvisor.engine.RulesetProblem;
import org.crampadvisor.engine.RulesetSource;
import org.crampadvisor.engine.Suggestions;
import org.crampadvisor.evaluation.Analyte;
import org.crampadvisor.evaluation.Codes;
import org.crampadvisor.evaluation.FactMapper;
import org.crampadvisor.explain.Explanations;
import org.crampadvisor.explain.InputSection;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.Threshold;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The gate's reference check: every name a rule compares with a string, and every finding code it
 * produces, must exist, so that a typo in a DRL string is refused instead of silently never matching.
 * Works on the parsed DRL (the Drools parser's descriptors and expression trees) and on the parsed
 * consequences, never on regular expressions over the text.
 *
 * <p>Refused: a name a rule compares a fact's field with that the tables, catalogues or request
 * enumerations do not know (with the closest known names); a finding code produced without a wording
 * in {@code tables/findings.csv}, or whose wording needs a fact the rule does not match; wording written
 * in the rule instead of the table; a rule that needs a type of fact no input and no rule ever produces.
 * Warned: a threshold, catalogue group or finding wording no rule uses.
 */
final class ReferenceCheck {

    /** Where a field's known values come from, for the messages. */
    private record Vocabulary(String describedAs, Set<String> values) {
    }

    private final RulesetSource source;
    private final ReferenceData reference;
    private final List<DrlOutline.RuleDeclaration> rules;
    private final List<ConsequenceOutline> consequences;
    private final Map<String, Vocabulary> vocabularies;
    private final List<RulesetProblem> errors = new ArrayList<>();
    private final List<RulesetProblem> warnings = new ArrayList<>();

    private ReferenceCheck(RulesetSource source, ReferenceData reference, List<DrlOutline.RuleDeclaration> rules) {
        this.source = source;
        this.reference = reference;
        this.rules = rules;
        this.consequences = rules.stream().map(ConsequenceOutline::of).toList();
        this.vocabularies = vocabularies();
    }

    /** The outcome: errors refuse the candidate, warnings do not. */
    record Result(List<RulesetProblem> errors, List<RulesetProblem> warnings) {
    }

    static Result check(RulesetSource source, ReferenceData reference, List<DrlOutline.RuleDeclaration> rules) {
        ReferenceCheck check = new ReferenceCheck(source, reference, rules);
        check.checkComparedNames();
        check.checkProducedFindings();
        check.checkPatternsCanMatch();
        check.checkLabels();
        check.warnAboutUnused();
        return new Result(List.copyOf(check.errors), List.copyOf(check.warnings));
    }

    // ---- names compared in conditions

    private void checkComparedNames() {
        for (DrlOutline.RuleDeclaration rule : rules) {
            for (DrlOutline.Pattern pattern : rule.patterns()) {
                for (DrlOutline.Constraint constraint : pattern.constraints()) {
                    if (constraint.parsed() == null) {
                        continue;
                    }
                    for (Comparison comparison : comparisons(constraint.parsed())) {
                        Vocabulary vocabulary = vocabularies.get(pattern.simpleType() + "." + comparison.field());
                        if (vocabulary == null || vocabulary.values().contains(comparison.value())) {
                            continue;
                        }
                        errors.add(locatedInConstraint(rule, constraint, comparison.literal(),
                                pattern.simpleType() + "." + comparison.field() + " is compared with \""
                                        + comparison.value() + "\", which is not " + vocabulary.describedAs()
                                        + didYouMean(comparison.value(), vocabulary.values())));
                    }
                }
            }
        }
    }

    /** {@code field == "value"} (either way round, also {@code !=}, {@code contains}, {@code in}). */
    private record Comparison(String field, String value, String literal) {
    }

    private static List<Comparison> comparisons(BaseDescr expression) {
        List<Comparison> found = new ArrayList<>();
        if (expression instanceof ConstraintConnectiveDescr connective) {
            for (BaseDescr part : connective.getDescrs()) {
                found.addAll(comparisons(part));
            }
        } else if (expression instanceof RelationalExprDescr relation
                && Set.of("==", "!=", "contains", "not contains", "memberOf", "not memberOf").contains(
                relation.getOperator())
                && relation.getLeft() instanceof AtomicExprDescr left
                && relation.getRight() instanceof AtomicExprDescr right) {
            AtomicExprDescr field = left.isLiteral() ? right : left;
            AtomicExprDescr literal = left.isLiteral() ? left : right;
            String name = field.getExpression().strip();
            if (name.startsWith("this.")) {
                name = name.substring("this.".length());
            }
            String text = literal.getExpression().strip();
            if (!field.isLiteral() && literal.isLiteral() && text.length() >= 2 && text.startsWith("\"")
                    && text.endsWith("\"") && name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                found.add(new Comparison(name, text.substring(1, text.length() - 1), text));
            }
        }
        return found;
    }

    // ---- findings produced in consequences

    private void checkProducedFindings() {
        Map<String, FindingTemplate> templates = reference.findingTemplates();
        for (ConsequenceOutline consequence : consequences) {
            DrlOutline.RuleDeclaration rule = consequence.rule();
            for (ConsequenceOutline.Literal worded : consequence.wordedFindings()) {
                errors.add(RulesetProblem.inReferences(rule.file(), worded.line(), worded.column(), rule.name(),
                        "writes the wording of finding \"" + worded.value() + "\" in the rule; give the finding code only,"
                                + " e.g. CauseEvidence.likely(cause, \"" + worded.value() + "\", basis), and put its wording in "
                                + ReferenceData.FINDINGS));
            }
            Set<String> matchedTypes = rule.requiredPatterns().stream().map(DrlOutline.Pattern::simpleType)
                    .collect(Collectors.toSet());
            for (ConsequenceOutline.Literal literal : consequence.literals()) {
                if (!literal.parameter().equals("CauseEvidence.finding") || consequence.wordedFindings().contains(literal)) {
                    continue;
                }
                FindingTemplate template = templates.get(literal.value());
                if (template == null) {
                    errors.add(RulesetProblem.inReferences(rule.file(), literal.line(), literal.column(), rule.name(),
                            "produces finding \"" + literal.value() + "\", which has no wording in " + ReferenceData.FINDINGS
                                    + didYouMean(literal.value(), templates.keySet())));
                    continue;
                }
                for (FindingPlaceholder placeholder : template.placeholders()) {
                    if (!matchedTypes.contains(placeholder.factType().getSimpleName())) {
                        errors.add(RulesetProblem.inReferences(rule.file(), literal.line(), literal.column(), rule.name(),
                                "produces finding \"" + literal.value() + "\", whose wording (" + template.file() + ":"
                                        + template.line() + ") shows {" + placeholder.key() + "}, which comes from a "
                                        + placeholder.factType().getSimpleName() + ", but the rule matches none"));
                    }
                }
            }
        }
    }

    // ---- patterns that can never match

    private void checkPatternsCanMatch() {
        if (consequences.stream().anyMatch(c -> !c.readable() || !c.allInsertsKnown())) {
            return; // some rule inserts what cannot be told; then no type can be called never produced
        }
        Set<String> produced = new TreeSet<>();
        FactMapper.FACT_TYPES.forEach(type -> produced.add(type.getSimpleName()));
        produced.add(Threshold.class.getSimpleName());
        consequences.forEach(c -> produced.addAll(c.insertedTypes()));
        for (DrlOutline.RuleDeclaration rule : rules) {
            for (DrlOutline.Pattern pattern : rule.requiredPatterns()) {
                if (!produced.contains(pattern.simpleType()) && !isEngineType(pattern.simpleType())) {
                    errors.add(RulesetProblem.inReferences(rule.file(), pattern.line(), pattern.column(), rule.name(),
                            "needs a " + pattern.simpleType() + ", but no input and no rule ever produces one, so it can "
                                    + "never fire; facts come from the request (" + String.join(", ", inputTypes())
                                    + ") and from rules (" + String.join(", ", insertedByRules()) + ")"));
                }
            }
        }
    }

    /** Types an accumulate or a from produces rather than working memory. */
    private static boolean isEngineType(String type) {
        return Set.of("Number", "Integer", "Long", "Double", "List", "Collection", "Object").contains(type);
    }

    private static List<String> inputTypes() {
        List<String> types = new ArrayList<>();
        types.add(Threshold.class.getSimpleName());
        FactMapper.FACT_TYPES.forEach(t -> types.add(t.getSimpleName()));
        return types;
    }

    private List<String> insertedByRules() {
        return consequences.stream().flatMap(c -> c.insertedTypes().stream()).distinct().sorted().toList();
    }

    // ---- labels of inputs and fact fields (tables/labels.csv)

    private void checkLabels() {
        Set<String> inputs = new TreeSet<>();
        for (InputSection section : InputSection.values()) {
            inputs.add(section.path());
            switch (section.shape()) {
                case FIELDS -> section.fields().forEach(field -> inputs.add(section.fieldInput(field)));
                case KEYED_LIST -> vocabularies.getOrDefault(section.factType().getSimpleName() + "." + section.key(),
                        new Vocabulary("", Set.of())).values().forEach(value -> inputs.add(section.keyedInput(value)));
                case LIST -> {
                }
            }
        }
        Set<String> factFields = new TreeSet<>();
        for (Class<?> type : factFieldTypes()) {
            for (var component : type.getRecordComponents()) {
                if (!component.getName().equals(InputSection.ORIGIN_FIELD)) {
                    factFields.add(type.getSimpleName() + "." + component.getName());
                }
            }
        }
        Set<String> used = new TreeSet<>();
        Map<String, String> firstUser = new HashMap<>();
        for (DrlOutline.RuleDeclaration rule : rules) {
            for (String input : Explanations.inputsOf(rule)) {
                used.add(input);
                firstUser.putIfAbsent(input, rule.name());
            }
        }
        for (ReferenceData.Label label : reference.labels().values()) {
            if (!inputs.contains(label.name()) && !factFields.contains(label.name())) {
                Set<String> known = new TreeSet<>(inputs);
                known.addAll(factFields);
                errors.add(RulesetProblem.inTable(ReferenceData.LABELS, label.line(), label.name()
                        + " is neither a request input (labs[analyte=magnesium], activity.intensity, medications) nor a fact"
                        + " field (Condition.group)" + Suggestions.didYouMean(label.name(), known)));
            } else if (inputs.contains(label.name()) && !used.contains(label.name())) {
                warnings.add(RulesetProblem.warning(ReferenceData.LABELS, label.line(),
                        "input " + label.name() + " has a label but no rule uses it"));
            }
        }
        if (source.file(ReferenceData.LABELS).isEmpty()) {
            if (!used.isEmpty()) {
                warnings.add(RulesetProblem.inFolder(ReferenceData.LABELS + " is missing; explanations name the inputs the "
                        + "rules use by their request paths in words"));
            }
            return;
        }
        for (String input : used) {
            if (!reference.labels().containsKey(input)) {
                warnings.add(RulesetProblem.warning(ReferenceData.LABELS, null, "input " + input + " (used by rule \""
                        + firstUser.get(input) + "\") has no label; explanations call it \"" + Explanations.labelInWords(input)
                        + "\""));
            }
        }
    }

    private static List<Class<?>> factFieldTypes() {
        List<Class<?>> types = new ArrayList<>(InputSection.factTypes());
        types.add(Threshold.class);
        types.add(org.crampadvisor.model.CauseEvidence.class);
        types.add(org.crampadvisor.model.AdviceReason.class);
        types.add(org.crampadvisor.model.AdviceWithheld.class);
        return types;
    }

    // ---- what nothing uses

    private void warnAboutUnused() {
        Map<String, Set<String>> compared = new HashMap<>();
        for (DrlOutline.RuleDeclaration rule : rules) {
            for (DrlOutline.Pattern pattern : rule.patterns()) {
                for (DrlOutline.Constraint constraint : pattern.constraints()) {
                    if (constraint.parsed() != null) {
                        for (Comparison comparison : comparisons(constraint.parsed())) {
                            compared.computeIfAbsent(pattern.simpleType() + "." + comparison.field(), k -> new TreeSet<>())
                                    .add(comparison.value());
                        }
                    }
                }
            }
        }
        Set<String> thresholdsUsed = compared.getOrDefault("Threshold.name", Set.of());
        reference.thresholds().forEach(threshold -> {
            if (!thresholdsUsed.contains(threshold.name())) {
                warnings.add(RulesetProblem.warning(ReferenceData.THRESHOLDS, reference.lineOf(ReferenceData.THRESHOLDS,
                        threshold.name()), "threshold " + threshold.name() + " is used by no rule"));
            }
        });
        Set<String> conditionGroupsUsed = compared.getOrDefault("Condition.group", Set.of());
        for (String group : new TreeSet<>(reference.conditionGroups())) {
            if (!conditionGroupsUsed.contains(group) && !ReferenceData.SERVICE_CONDITION_GROUPS.contains(group)) {
                warnings.add(RulesetProblem.warning(ReferenceData.CONDITIONS, reference.lineOf(ReferenceData.CONDITIONS,
                        group), "condition group " + group + " is matched by no rule"));
            }
        }
        Set<String> medicationGroupsUsed = new TreeSet<>(compared.getOrDefault("Medication.group", Set.of()));
        medicationGroupsUsed.addAll(compared.getOrDefault("Medication.groups", Set.of()));
        for (String group : new TreeSet<>(reference.medicationGroups())) {
            if (!medicationGroupsUsed.contains(group)) {
                warnings.add(RulesetProblem.warning(ReferenceData.MEDICATIONS, reference.lineOf(ReferenceData.MEDICATIONS,
                        group), "medication group " + group + " is matched by no rule"));
            }
        }
        Set<String> findingsProduced = consequences.stream().flatMap(c -> c.literals().stream())
                .filter(l -> l.parameter().equals("CauseEvidence.finding")).map(ConsequenceOutline.Literal::value)
                .collect(Collectors.toSet());
        boolean allConsequencesRead = consequences.stream().allMatch(ConsequenceOutline::readable);
        reference.findingTemplates().values().forEach(template -> {
            if (allConsequencesRead && !findingsProduced.contains(template.code())) {
                warnings.add(RulesetProblem.warning(template.file(), template.line(),
                        "finding " + template.code() + " has a wording but no rule produces it"));
            }
        });
    }

    // ---- the vocabularies

    private Map<String, Vocabulary> vocabularies() {
        Map<String, Vocabulary> known = new LinkedHashMap<>();
        known.put("Threshold.name", new Vocabulary("a threshold in " + ReferenceData.THRESHOLDS,
                reference.thresholds().stream().map(Threshold::name).collect(Collectors.toSet())));
        known.put("LabResult.analyte", new Vocabulary("an analyte the service accepts",
                Arrays.stream(Analyte.values()).map(Analyte::code).collect(Collectors.toSet())));
        Set<String> units = new TreeSet<>();
        Set<String> canonicalUnits = new TreeSet<>();
        for (Analyte analyte : Analyte.values()) {
            units.addAll(analyte.units());
            canonicalUnits.add(analyte.canonicalUnit());
        }
        known.put("LabResult.unit", new Vocabulary("a lab unit the service accepts", units));
        known.put("LabResult.canonicalUnit", new Vocabulary("a canonical lab unit", canonicalUnits));
        known.put("Patient.sex", enumeration("a value of patient.sex", Codes.Sex.values()));
        known.put("Cramps.severity", enumeration("a value of cramps.severity", Codes.Severity.values()));
        known.put("Activity.intensity", enumeration("a value of activity.intensity", Codes.Intensity.values()));
        known.put("DietaryGap.nutrient", enumeration("a value of diet.lowIn", Codes.Nutrient.values()));
        known.put("Symptom.code", enumeration("a value of symptoms", Codes.NeurologicalSymptom.values()));
        known.put("Condition.group", new Vocabulary("a group in " + ReferenceData.CONDITIONS, reference.conditionGroups()));
        known.put("Condition.recognizedAs", new Vocabulary("a condition in " + ReferenceData.CONDITIONS,
                names(reference.conditions().entries(), ReferenceData.ConditionEntry::name)));
        known.put("Medication.group", new Vocabulary("a group in " + ReferenceData.MEDICATIONS, reference.medicationGroups()));
        known.put("Medication.groups", new Vocabulary("a group in " + ReferenceData.MEDICATIONS, reference.medicationGroups()));
        known.put("Medication.generic", new Vocabulary("a generic name in " + ReferenceData.MEDICATIONS,
                names(reference.medications().entries(), ReferenceData.MedicationEntry::generic)));
        known.put("Medication.drugClass", new Vocabulary("a class in " + ReferenceData.MEDICATIONS,
                names(reference.medications().entries(), ReferenceData.MedicationEntry::drugClass)));
        known.put("HerbalSupplement.recognizedAs", new Vocabulary("a supplement in " + ReferenceData.HERBAL_SUPPLEMENTS,
                names(reference.herbalSupplements().entries(), ReferenceData.SupplementEntry::name)));
        known.put("HerbalSupplement.concern", new Vocabulary("a concern in " + ReferenceData.HERBAL_SUPPLEMENTS,
                names(reference.herbalSupplements().entries(), ReferenceData.SupplementEntry::concern)));
        known.put("CauseEvidence.finding", new Vocabulary("a finding in " + ReferenceData.FINDINGS,
                reference.findingTemplates().keySet()));
        known.put("AdviceReason.because", new Vocabulary("a reason any rule gives for advice",
                reasons("AdviceReason.because", true)));
        known.put("AdviceWithheld.because", new Vocabulary("a reason any rule gives for withholding advice",
                reasons("AdviceWithheld.because", false)));
        return known;
    }

    /** The reasons rules produce; advice rules may also give a cause code as the reason. */
    private Set<String> reasons(String parameter, boolean withCauseCodes) {
        Set<String> reasons = new TreeSet<>();
        consequences.forEach(c -> c.literals().stream().filter(l -> l.parameter().equals(parameter))
                .forEach(l -> reasons.add(l.value())));
        if (withCauseCodes) {
            Arrays.stream(CauseCode.values()).forEach(code -> reasons.add(code.name()));
        }
        return reasons;
    }

    private static Vocabulary enumeration(String describedAs, Codes.Coded[] values) {
        return new Vocabulary(describedAs, Arrays.stream(values).map(Codes.Coded::code).collect(Collectors.toSet()));
    }

    private static <E> Set<String> names(Collection<E> entries, java.util.function.Function<E, String> name) {
        return entries.stream().map(name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String didYouMean(String value, Collection<String> known) {
        String suggestion = Suggestions.didYouMean(value, known);
        if (!suggestion.isEmpty()) {
            return suggestion;
        }
        List<String> sorted = known.stream().sorted().toList();
        return sorted.size() <= 12 ? "; known: " + String.join(", ", sorted) : "";
    }

    /** A problem at the literal inside the constraint, located in the file. */
    private RulesetProblem locatedInConstraint(DrlOutline.RuleDeclaration rule, DrlOutline.Constraint constraint,
                                               String literal, String message) {
        int line = constraint.line();
        int column = constraint.column();
        String text = source.file(rule.file()).map(RulesetFile::text).orElse(null);
        if (text != null && constraint.offset() >= 0) {
            int at = text.indexOf(literal, constraint.offset());
            if (at >= 0) {
                line = DrlOutline.lineAt(text, at);
                column = DrlOutline.columnAt(text, at);
            }
        }
        return RulesetProblem.inReferences(rule.file(), line, column, rule.name(), message);
    }
}
