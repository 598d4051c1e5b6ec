package org.crampadvisor.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogues that map coded EHR data (LOINC, UCUM, RxNorm, SNOMED CT, ICD-10) to the facts the
 * rules know. Clinicians edit them with the rest of the ruleset, so they are part of its version. Each
 * row cites its source; a row whose source starts with {@code unverified} is read and shown but never
 * used to map a patient's data, because a wrong code would map it to the wrong fact.
 *
 * <p>The files are optional: a ruleset without them (every archived version from before they existed)
 * maps no codes.
 */
public record CodeCatalogues(Map<String, LabCode> labs, Map<String, String> units, Map<String, MedicationCode> medications,
                             Map<String, ConditionCode> conditionsExact, List<ConditionCode> conditionPrefixes) {

    public static final String LAB_CODES = "catalogues/lab-codes.csv";
    public static final String UNIT_CODES = "catalogues/unit-codes.csv";
    public static final String MEDICATION_CODES = "catalogues/medication-codes.csv";
    public static final String CONDITION_CODES = "catalogues/condition-codes.csv";

    /** The analytes and units of SPEC sections 3 and 4, which the request accepts. */
    public static final Set<String> SPEC_ANALYTES = Set.of("potassium", "sodium", "magnesium", "calcium", "vitamin-d");
    public static final Set<String> SPEC_UNITS = Set.of("mmol/L", "mEq/L", "mg/dL", "ng/mL", "nmol/L");

    public static final String SNOMED_CT = "SNOMED CT";
    public static final String ICD_10 = "ICD-10";

    private static final String UNVERIFIED = "unverified";

    /** A LOINC code: the analyte it is, or ({@code analyte == null}) why it is not used. */
    public record LabCode(String loinc, String analyte, String display, String notUsedBecause, String source, int line) {
        public boolean verified() {
            return isVerified(source);
        }
    }

    /** An RxNorm code and the generic names of medications.csv its product contains. */
    public record MedicationCode(String rxnorm, List<String> medications, String display, String source, int line) {
        public boolean verified() {
            return isVerified(source);
        }
    }

    /** A SNOMED CT or ICD-10 code (an ICD-10 prefix when {@code prefix}) and the condition names it is. */
    public record ConditionCode(String system, String code, boolean prefix, List<String> conditions, String display,
                                String source, int line) {
        public boolean verified() {
            return isVerified(source);
        }
    }

    public static CodeCatalogues empty() {
        return new CodeCatalogues(Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    }

    public Optional<LabCode> lab(String loinc) {
        return loinc == null ? Optional.empty() : Optional.ofNullable(labs.get(loinc.strip()));
    }

    /** The SPEC unit that a UCUM code or a unit text names, ignoring case. */
    public Optional<String> unit(String codeOrText) {
        return codeOrText == null ? Optional.empty()
                : Optional.ofNullable(units.get(codeOrText.strip().toLowerCase(Locale.ROOT)));
    }

    public Optional<MedicationCode> medication(String rxnorm) {
        return rxnorm == null ? Optional.empty() : Optional.ofNullable(medications.get(rxnorm.strip()));
    }

    /**
     * The row for a code of {@code system} ({@link #SNOMED_CT} or {@link #ICD_10}): an exact code first,
     * then the longest ICD-10 prefix that the code starts with.
     */
    public Optional<ConditionCode> condition(String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        String key = conditionKey(system, code);
        ConditionCode exact = conditionsExact.get(key);
        if (exact != null || !ICD_10.equals(system)) {
            return Optional.ofNullable(exact);
        }
        String normalised = icd10(code);
        return conditionPrefixes.stream().filter(p -> normalised.startsWith(p.code()))
                .max(java.util.Comparator.comparingInt(p -> p.code().length()));
    }

    static boolean isVerified(String source) {
        return source != null && !source.isBlank()
                && !source.strip().toLowerCase(Locale.ROOT).startsWith(UNVERIFIED);
    }

    private static String conditionKey(String system, String code) {
        return system + '|' + (ICD_10.equals(system) ? icd10(code) : code.strip());
    }

    /** ICD-10 codes are written with and without their dot (N18.6, N186); compare them without. */
    private static String icd10(String code) {
        return code.strip().replace(".", "").toUpperCase(Locale.ROOT);
    }

    static CodeCatalogues read(RulesetSource source, Catalogue<ReferenceData.MedicationEntry> medicationNames,
                               Catalogue<ReferenceData.ConditionEntry> conditionNames, List<RulesetProblem> problems) {
        return new Reader(problems).read(source, medicationNames, conditionNames);
    }

    private static final class Reader {
        private final List<RulesetProblem> problems;

        Reader(List<RulesetProblem> problems) {
            this.problems = problems;
        }

        CodeCatalogues read(RulesetSource source, Catalogue<ReferenceData.MedicationEntry> medicationNames,
                            Catalogue<ReferenceData.ConditionEntry> conditionNames) {
            Map<String, LabCode> labs = new HashMap<>();
            source.file(LAB_CODES).ifPresent(file -> {
                for (CsvTable.Row row : rows(file, "loinc", "analyte", "display", "not used because", "source")) {
                    String analyte = row.get("analyte");
                    String why = row.get("not used because");
                    if (!required(file, row, "loinc", "display")) {
                        continue;
                    }
                    if (analyte.isEmpty() == why.isEmpty()) {
                        problem(file, row, "give either an analyte or why the code is not used, not both and not neither");
                        continue;
                    }
                    if (!analyte.isEmpty() && !SPEC_ANALYTES.contains(analyte)) {
                        problem(file, row, "unknown analyte '" + analyte + "'; the analytes are " + sorted(SPEC_ANALYTES));
                        continue;
                    }
                    LabCode code = new LabCode(row.get("loinc"), analyte.isEmpty() ? null : analyte, row.get("display"),
                            why.isEmpty() ? null : why, row.get("source"), row.line());
                    unique(file, row, labs.putIfAbsent(code.loinc(), code), code.loinc(), LabCode::line);
                }
            });
            Map<String, String> units = new HashMap<>();
            Map<String, Integer> unitLines = new HashMap<>();
            source.file(UNIT_CODES).ifPresent(file -> {
                for (CsvTable.Row row : rows(file, "ucum", "unit", "source")) {
                    if (!required(file, row, "ucum", "unit")) {
                        continue;
                    }
                    String unit = row.get("unit");
                    if (!SPEC_UNITS.contains(unit)) {
                        problem(file, row, "unknown unit '" + unit + "'; the units are " + sorted(SPEC_UNITS));
                        continue;
                    }
                    String key = row.get("ucum").toLowerCase(Locale.ROOT);
                    if (units.putIfAbsent(key, unit) != null) {
                        problem(file, row, "the unit '" + row.get("ucum") + "' is already on line " + unitLines.get(key)
                                + " (units match ignoring case)");
                    }
                    unitLines.putIfAbsent(key, row.line());
                }
            });
            Map<String, MedicationCode> medications = new HashMap<>();
            source.file(MEDICATION_CODES).ifPresent(file -> {
                for (CsvTable.Row row : rows(file, "rxnorm", "medication", "display", "source")) {
                    if (!required(file, row, "rxnorm", "medication")) {
                        continue;
                    }
                    List<String> names = names(file, row, row.get("medication"), medicationNames, "medications.csv");
                    if (names == null) {
                        continue;
                    }
                    MedicationCode code = new MedicationCode(row.get("rxnorm"), names, row.get("display"), row.get("source"),
                            row.line());
                    unique(file, row, medications.putIfAbsent(code.rxnorm(), code), code.rxnorm(), MedicationCode::line);
                }
            });
            Map<String, ConditionCode> exact = new HashMap<>();
            List<ConditionCode> prefixes = new ArrayList<>();
            source.file(CONDITION_CODES).ifPresent(file -> {
                for (CsvTable.Row row : rows(file, "system", "code", "condition", "display", "source")) {
                    if (!required(file, row, "system", "code", "condition")) {
                        continue;
                    }
                    String system = row.get("system");
                    if (!SNOMED_CT.equals(system) && !ICD_10.equals(system)) {
                        problem(file, row, "unknown system '" + system + "'; use " + SNOMED_CT + " or " + ICD_10);
                        continue;
                    }
                    String code = row.get("code");
                    boolean prefix = code.endsWith("*");
                    if (prefix && !ICD_10.equals(system)) {
                        problem(file, row, "only ICD-10 codes can end in * (a prefix)");
                        continue;
                    }
                    List<String> names = names(file, row, row.get("condition"), conditionNames, "conditions.csv");
                    if (names == null) {
                        continue;
                    }
                    String bare = prefix ? icd10(code.substring(0, code.length() - 1)) : code;
                    ConditionCode entry = new ConditionCode(system, ICD_10.equals(system) ? icd10(bare) : bare, prefix,
                            names, row.get("display"), row.get("source"), row.line());
                    if (prefix) {
                        ConditionCode same = prefixes.stream().filter(p -> p.code().equals(entry.code())).findFirst()
                                .orElse(null);
                        unique(file, row, same, code, ConditionCode::line);
                        if (same == null) {
                            prefixes.add(entry);
                        }
                    } else {
                        unique(file, row, exact.putIfAbsent(conditionKey(system, bare), entry), code, ConditionCode::line);
                    }
                }
            });
            return new CodeCatalogues(Map.copyOf(labs), Map.copyOf(units), Map.copyOf(medications), Map.copyOf(exact),
                    List.copyOf(prefixes));
        }

        private List<CsvTable.Row> rows(RulesetFile file, String... columns) {
            List<CsvTable.Row> rows = CsvTable.read(file, List.of(columns), problems);
            List<CsvTable.Row> cited = new ArrayList<>();
            for (CsvTable.Row row : rows) {
                if (row.get("source").isEmpty()) {
                    problem(file, row, "no source: cite where the code was verified, or write 'unverified'");
                } else {
                    cited.add(row);
                }
            }
            return cited;
        }

        private boolean required(RulesetFile file, CsvTable.Row row, String... columns) {
            for (String column : columns) {
                if (row.get(column).isEmpty()) {
                    problem(file, row, "column '" + column + "' is empty");
                    return false;
                }
            }
            return true;
        }

        /** The names of a {@code ;} list, each as the name catalogue spells its entry; null when one is unknown. */
        private <E> List<String> names(RulesetFile file, CsvTable.Row row, String cell, Catalogue<E> catalogue,
                                       String catalogueFile) {
            List<String> names = new ArrayList<>();
            boolean allKnown = true;
            for (String name : Arrays.stream(cell.split(";")).map(String::strip).filter(n -> !n.isEmpty()).toList()) {
                Optional<E> entry = catalogue.find(name);
                if (entry.isEmpty()) {
                    problem(file, row, "'" + name + "' is not a name in " + catalogueFile
                            + "; add it there first, or correct the spelling");
                    allKnown = false;
                } else {
                    String own = ownName(entry.get());
                    if (!names.contains(own)) {
                        names.add(own);
                    }
                }
            }
            return allKnown ? List.copyOf(names) : null;
        }

        private static String ownName(Object entry) {
            if (entry instanceof ReferenceData.MedicationEntry m) {
                return m.generic();
            }
            return ((ReferenceData.ConditionEntry) entry).name();
        }

        private <T> void unique(RulesetFile file, CsvTable.Row row, T previous, String code,
                                java.util.function.ToIntFunction<T> lineOf) {
            if (previous != null) {
                problem(file, row, "the code " + code + " is already on line " + lineOf.applyAsInt(previous));
            }
        }

        private void problem(RulesetFile file, CsvTable.Row row, String message) {
            problems.add(RulesetProblem.inTable(file.path(), row.line(), message));
        }

        private static String sorted(Set<String> values) {
            return values.stream().sorted().toList().toString();
        }
    }
}
