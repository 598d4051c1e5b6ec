package org.crampadvisor.engine;

import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.Threshold;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The tables and catalogues of a rules folder, read from their CSV files. Rule authors edit these
 * files; the engine inserts the thresholds into every session and resolves names against the
 * catalogues before facts are inserted. The code catalogues ({@link CodeCatalogues}) map EHR codes to
 * those names.
 */
public record ReferenceData(List<Threshold> thresholds,
                            Map<AdviceCode, String> adviceTexts,
                            Map<String, FindingTemplate> findingTemplates,
                            Catalogue<MedicationEntry> medications,
                            Catalogue<ConditionEntry> conditions,
                            Catalogue<SupplementEntry> herbalSupplements,
                            CodeCatalogues codes,
                            Map<String, Label> labels,
                            Map<String, Integer> lines) {

    /**
     * Condition groups the service itself uses rather than the rules, so that a group no rule matches is
     * not reported as unused: {@code cramps} decides whether a CDS Hooks patient-view is evaluated.
     */
    public static final String CRAMPS_GROUP = "cramps";
    public static final Set<String> SERVICE_CONDITION_GROUPS = Set.of(CRAMPS_GROUP);

    public static final String THRESHOLDS = "tables/thresholds.csv";
    public static final String ADVICE_TEXTS = "tables/advice.csv";
    public static final String FINDINGS = "tables/findings.csv";
    public static final String MEDICATIONS = "catalogues/medications.csv";
    public static final String CONDITIONS = "catalogues/conditions.csv";
    public static final String HERBAL_SUPPLEMENTS = "catalogues/herbal-supplements.csv";
    public static final String LABELS = "tables/labels.csv";

    private static final String OTHER_NAMES = "other names";

    /**
     * A medication by its generic name, with the brand names and synonyms that also find it.
     *
     * @param groups the catalogue groups rules match on, e.g. {@code diuretic} and {@code potassium-sparing
     *               diuretic}; the {@code group} column lists them separated by {@code ;}
     */
    public record MedicationEntry(String generic, String drugClass, List<String> groups) {

        public MedicationEntry {
            groups = List.copyOf(groups);
        }

        /** The first group: what rules written before a drug could be in several groups compare with. */
        public String group() {
            return groups.isEmpty() ? null : groups.get(0);
        }
    }

    public record ConditionEntry(String name, String group) {
    }

    /**
     * How an input or a fact field is named in explanations, from {@code tables/labels.csv}.
     *
     * @param name  a request path ({@code labs[analyte=magnesium]}, {@code activity.intensity}) or a fact
     *              field ({@code Condition.group})
     * @param label the words shown for it ({@code serum magnesium})
     * @param line  its line in the table
     */
    public record Label(String name, String label, int line) {
    }

    public record SupplementEntry(String name, String concern) {
    }

    /** Reads the tables and catalogues of a rules folder; every problem found goes into {@code problems}. */
    public static ReferenceData read(RulesetSource source, List<RulesetProblem> problems) {
        Map<String, Integer> lines = new HashMap<>();
        List<Threshold> thresholds = readThresholds(required(source, THRESHOLDS, problems), lines, problems);
        Map<AdviceCode, String> adviceTexts = readAdviceTexts(required(source, ADVICE_TEXTS, problems), problems);
        // Optional: rulesets archived before the findings table wrote their wording in the rules.
        Map<String, FindingTemplate> findings = readFindingTemplates(source.file(FINDINGS).orElse(null), problems);
        Catalogue<MedicationEntry> medications = readCatalogue(required(source, MEDICATIONS, problems),
                List.of("generic", "class", "group", OTHER_NAMES),
                row -> new MedicationEntry(row.get("generic"), row.get("class"), splitList(row.get("group"))),
                MedicationEntry::generic, MedicationEntry::groups, lines, problems);
        Catalogue<ConditionEntry> conditions = readCatalogue(required(source, CONDITIONS, problems),
                List.of("condition", "group", OTHER_NAMES),
                row -> new ConditionEntry(row.get("condition"), row.get("group")),
                ConditionEntry::name, entry -> List.of(entry.group()), lines, problems);
        Catalogue<SupplementEntry> supplements = readCatalogue(required(source, HERBAL_SUPPLEMENTS, problems),
                List.of("supplement", "concern", OTHER_NAMES),
                row -> new SupplementEntry(row.get("supplement"), row.get("concern")),
                SupplementEntry::name, entry -> List.of(), lines, problems);
        // Code catalogues map to the names above, so they are read after them and checked against them.
        CodeCatalogues codes = CodeCatalogues.read(source, medications, conditions, problems);
        // Optional: rulesets archived before explanations had no labels; names are then shown as paths in words.
        Map<String, Label> labels = readLabels(source.file(LABELS).orElse(null), problems);
        return new ReferenceData(thresholds, adviceTexts, findings, medications, conditions, supplements, codes,
                labels, Map.copyOf(lines));
    }

    /** The groups of the conditions catalogue. */
    public Set<String> conditionGroups() {
        Set<String> groups = new TreeSet<>();
        conditions.entries().forEach(entry -> groups.add(entry.group()));
        return groups;
    }

    /** The groups of the medications catalogue. */
    public Set<String> medicationGroups() {
        Set<String> groups = new TreeSet<>();
        medications.entries().forEach(entry -> groups.addAll(entry.groups()));
        return groups;
    }

    /** The line of a table where a threshold is defined or a catalogue group first appears, or {@code null}. */
    public Integer lineOf(String file, String name) {
        return lines.get(file + '\u0000' + name);
    }

    private static RulesetFile required(RulesetSource source, String path, List<RulesetProblem> problems) {
        return source.file(path).orElseGet(() -> {
            problems.add(RulesetProblem.inTable(path, null, "this file is required but missing"));
            return null;
        });
    }

    private static List<Threshold> readThresholds(RulesetFile file, Map<String, Integer> lines,
                                                  List<RulesetProblem> problems) {
        if (file == null) {
            return List.of();
        }
        Map<String, Threshold> byName = new LinkedHashMap<>();
        for (CsvTable.Row row : CsvTable.read(file, List.of("name", "value", "unit"), problems)) {
            String name = row.get("name");
            String text = row.get("value");
            if (name.isEmpty()) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "a threshold needs a name"));
                continue;
            }
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(),
                        "threshold " + name + " has value '" + text + "', which is not a number"));
                continue;
            }
            if (byName.putIfAbsent(name, new Threshold(name, value.doubleValue(), row.get("unit"), text)) != null) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "threshold " + name + " is defined twice"));
            }
            lines.putIfAbsent(file.path() + '\u0000' + name, row.line());
        }
        return List.copyOf(byName.values());
    }

    private static Map<AdviceCode, String> readAdviceTexts(RulesetFile file, List<RulesetProblem> problems) {
        Map<AdviceCode, String> texts = new EnumMap<>(AdviceCode.class);
        if (file == null) {
            return texts;
        }
        for (CsvTable.Row row : CsvTable.read(file, List.of("code", "text"), problems)) {
            AdviceCode code;
            try {
                code = AdviceCode.valueOf(row.get("code"));
            } catch (IllegalArgumentException e) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "unknown advice code '" + row.get("code")
                        + "'; the codes are " + Arrays.toString(AdviceCode.values())));
                continue;
            }
            if (row.get("text").isEmpty()) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "advice " + code + " has no text"));
            } else if (texts.putIfAbsent(code, row.get("text")) != null) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "advice " + code + " has two texts"));
            }
        }
        for (AdviceCode code : AdviceCode.values()) {
            if (!texts.containsKey(code)) {
                problems.add(RulesetProblem.inTable(file.path(), null, "advice " + code + " has no text"));
            }
        }
        return texts;
    }

    private static Map<String, FindingTemplate> readFindingTemplates(RulesetFile file, List<RulesetProblem> problems) {
        Map<String, FindingTemplate> templates = new LinkedHashMap<>();
        if (file == null) {
            return templates;
        }
        for (CsvTable.Row row : CsvTable.read(file, List.of("code", "text"), problems)) {
            String code = row.get("code");
            if (code.isEmpty()) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "a finding needs a code"));
                continue;
            }
            if (row.get("text").isEmpty()) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "finding " + code + " has no text"));
                continue;
            }
            FindingTemplate template;
            try {
                template = FindingTemplate.parse(code, row.get("text"), file.path(), row.line());
            } catch (IllegalArgumentException e) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "finding " + code + ": " + e.getMessage()));
                continue;
            }
            if (templates.putIfAbsent(code, template) != null) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "finding " + code + " has two texts"));
            }
        }
        return templates;
    }

    private static Map<String, Label> readLabels(RulesetFile file, List<RulesetProblem> problems) {
        Map<String, Label> labels = new LinkedHashMap<>();
        if (file == null) {
            return labels;
        }
        for (CsvTable.Row row : CsvTable.read(file, List.of("name", "label"), problems)) {
            String name = row.get("name");
            if (name.isEmpty() || row.get("label").isEmpty()) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "a label needs a name and a label"));
            } else if (labels.putIfAbsent(name, new Label(name, row.get("label"), row.line())) != null) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), name + " has two labels"));
            }
        }
        return java.util.Collections.unmodifiableMap(labels);
    }

    /** A cell that lists several values separated by {@code ;}. */
    static List<String> splitList(String cell) {
        return Arrays.stream(cell.split(";")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /**
     * Reads a catalogue whose first column is the entry's own name and whose {@code other names}
     * column lists further names separated by {@code ;}. A name that two entries claim is an error,
     * since the catalogue could not tell which one a patient's record means.
     */
    private static <E> Catalogue<E> readCatalogue(RulesetFile file, List<String> columns,
                                                  Function<CsvTable.Row, E> toEntry, Function<E, String> ownName,
                                                  Function<E, List<String>> groups, Map<String, Integer> lines,
                                                  List<RulesetProblem> problems) {
        if (file == null) {
            return new Catalogue<>(null, Map.of(), List.of());
        }
        Map<String, E> byName = new HashMap<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        List<E> entries = new ArrayList<>();
        for (CsvTable.Row row : CsvTable.read(file, columns, problems)) {
            E entry = toEntry.apply(row);
            String missing = columns.stream().filter(c -> !c.equals(OTHER_NAMES) && row.get(c).isEmpty())
                    .findFirst().orElse(null);
            if (missing != null) {
                problems.add(RulesetProblem.inTable(file.path(), row.line(), "column '" + missing + "' is empty"));
                continue;
            }
            entries.add(entry);
            for (String group : groups.apply(entry)) {
                lines.putIfAbsent(file.path() + '\u0000' + group, row.line());
            }
            List<String> names = new ArrayList<>();
            names.add(ownName.apply(entry));
            names.addAll(splitList(row.get(OTHER_NAMES)));
            for (String name : names) {
                String key = NameKey.of(name);
                E previous = byName.putIfAbsent(key, entry);
                if (previous != null && previous != entry) {
                    problems.add(RulesetProblem.inTable(file.path(), row.line(), "the name '" + name
                            + "' is already used on line " + lineOfName.get(key)));
                }
                lineOfName.putIfAbsent(key, row.line());
            }
        }
        return new Catalogue<>(file.path(), byName, entries);
    }
}
