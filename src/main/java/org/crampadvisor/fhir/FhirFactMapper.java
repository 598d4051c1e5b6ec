package org.crampadvisor.fhir;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.crampadvisor.engine.CodeCatalogues;
import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.evaluation.Analyte;
import org.crampadvisor.evaluation.Codes;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationRequest.LabInput;
import org.crampadvisor.evaluation.EvaluationRequest.MedicationInput;
import org.crampadvisor.evaluation.EvaluationRequest.PatientInput;
import org.crampadvisor.evaluation.FieldPaths;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the FHIR R4 data of a CDS Hooks call to a SPEC section 3 request, through the code catalogues of
 * the ruleset, so that validation, rules, audit and replay work on it as on any other request.
 *
 * <p>The EHR's data is never refused: what cannot be used (an unknown code, an unknown unit, an
 * implausible value, a result that is not final) is left out and reported in {@code unrecognized},
 * with the reason. Only final, amended or corrected Observations count, the latest usable one per
 * analyte; Conditions that are active, recurring or relapsed and neither refuted nor entered in error;
 * MedicationRequests that are active (and the draft orders of {@code order-sign}).
 */
public final class FhirFactMapper {

    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final Set<String> ICD_10 = Set.of("http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10");

    private static final Set<Observation.ObservationStatus> RESULT_STATUSES = Set.of(
            Observation.ObservationStatus.FINAL, Observation.ObservationStatus.AMENDED,
            Observation.ObservationStatus.CORRECTED);
    private static final Set<String> ACTIVE_CLINICAL = Set.of("active", "recurrence", "relapse");
    private static final Set<String> EXCLUDED_VERIFICATION = Set.of("refuted", "entered-in-error");
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Request sections no EHR record holds in coded form; the card says they were not assessed. */
    private static final List<NotAssessed> NOT_IN_EHR_DATA = List.of(
            new NotAssessed("cramps", "severity, frequency and duration of the cramps are not in the EHR data"),
            new NotAssessed("hydration", "fluid intake, sweating and signs of dehydration are not in the EHR data"),
            new NotAssessed("diet", "the diet is not in the EHR data"),
            new NotAssessed("activity", "activity, warm-up, rest days and standing are not in the EHR data"),
            new NotAssessed("substances", "alcohol, caffeine and herbal supplements are not in the EHR data"),
            new NotAssessed("symptoms", "neurological symptoms are not in the EHR data"));
    private static final Validator DEFAULT_VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private final Validator validator;
    private final Clock clock;

    public FhirFactMapper(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    public FhirFactMapper() {
        this(DEFAULT_VALIDATOR, Clock.systemUTC());
    }

    public MappedFacts map(FhirInput input, ReferenceData reference) {
        return new Mapping(reference).run(input);
    }

    /** The patient id without its {@code Patient/} prefix, or null when it is not an id the request can hold. */
    public static String bareId(String patientId) {
        if (patientId == null) {
            return null;
        }
        String id = patientId.strip();
        if (id.startsWith("Patient/")) {
            id = id.substring("Patient/".length());
        }
        return PATIENT_ID.matcher(id).matches() ? id : null;
    }

    /** One mapping: the state it gathers while walking the resources. */
    private final class Mapping {
        private final ReferenceData reference;
        private final CodeCatalogues codes;
        private final List<FhirUnrecognized> unrecognized = new ArrayList<>();
        private final List<NotAssessed> notAssessed = new ArrayList<>();
        private final Map<String, List<String>> origins = new LinkedHashMap<>();
        private final Set<String> drafted = new LinkedHashSet<>();
        private final Map<String, List<String>> draftOrders = new LinkedHashMap<>();

        Mapping(ReferenceData reference) {
            this.reference = reference;
            this.codes = reference.codes();
        }

        MappedFacts run(FhirInput input) {
            PatientInput patient = patient(input);
            List<LabInput> labs = labs(input.labs());
            List<String> conditions = conditions(input.conditions());
            List<MedicationInput> medications = medications(input);
            notAssessed.addAll(NOT_IN_EHR_DATA);
            EvaluationRequest request = new EvaluationRequest(patient, null, labs.isEmpty() ? null : labs, null, null,
                    null, conditions.isEmpty() ? null : conditions, medications.isEmpty() ? null : medications, null,
                    null);
            return new MappedFacts(validated(request), unrecognized, notAssessed, origins, drafted, draftOrders);
        }

        // ---- Patient ----

        private PatientInput patient(FhirInput input) {
            String id = bareId(input.patientId());
            if (input.patientId() != null && id == null) {
                unrecognized.add(new FhirUnrecognized("context.patientId", input.patientId(),
                        "not a FHIR id of at most 64 letters, digits, '.', '_' or '-'"));
            }
            Patient patient = input.patient().resourcesOf(Patient.class).stream().findFirst().orElse(null);
            if (patient == null) {
                notAssessed.add(new NotAssessed("patient", keyReason("patient", input.patient(), "no Patient")));
                return id == null ? null : new PatientInput(id, null, null);
            }
            Integer age = null;
            if (patient.hasBirthDate()) {
                // The date as written (YYYY, YYYY-MM or YYYY-MM-DD), not converted through a time zone.
                age = Period.between(birthDate(patient.getBirthDateElement().getValueAsString()), LocalDate.now(clock))
                        .getYears();
            }
            Codes.Sex sex = switch (patient.hasGender() ? patient.getGender() : org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.NULL) {
                case MALE -> Codes.Sex.MALE;
                case FEMALE -> Codes.Sex.FEMALE;
                case OTHER -> Codes.Sex.OTHER;
                case UNKNOWN -> Codes.Sex.UNKNOWN;
                default -> null;
            };
            PatientInput candidate = new PatientInput(id, age, sex);
            for (ConstraintViolation<PatientInput> violation : validator.validate(candidate)) {
                if (FieldPaths.of(violation).equals("age")) {
                    unrecognized.add(new FhirUnrecognized(ref(patient), "birthDate " + patient.getBirthDateElement()
                            .getValueAsString(), "age " + age + " " + violation.getMessage()));
                    candidate = new PatientInput(id, null, sex);
                }
            }
            origins.put("patient", List.of(ref(patient)));
            return candidate;
        }

        // ---- Observations ----

        private List<LabInput> labs(PrefetchEntry entry) {
            Map<String, List<LabCandidate>> byAnalyte = new LinkedHashMap<>();
            for (Observation observation : entry.resourcesOf(Observation.class)) {
                Optional<LabCandidate> candidate = labCandidate(observation);
                candidate.ifPresent(c -> byAnalyte.computeIfAbsent(c.analyte().code(), a -> new ArrayList<>()).add(c));
            }
            List<LabInput> labs = new ArrayList<>();
            for (Analyte analyte : Analyte.values()) {
                List<LabCandidate> candidates = byAnalyte.getOrDefault(analyte.code(), List.of());
                LabCandidate chosen = candidates.stream().filter(LabCandidate::usable)
                        .max(Comparator.comparing(LabCandidate::when)).orElse(null);
                for (LabCandidate candidate : candidates) {
                    // A newer result that could not be used is the clinician's business; older ones are superseded.
                    if (!candidate.usable() && (chosen == null || candidate.when().compareTo(chosen.when()) > 0)) {
                        unrecognized.add(candidate.problem());
                    }
                }
                if (chosen != null) {
                    origins.put("labs[" + labs.size() + "]", List.of(ref(chosen.observation())));
                    labs.add(chosen.lab());
                } else {
                    notAssessed.add(new NotAssessed("labs[analyte=" + analyte.code() + "]",
                            entry.assessed() ? "no usable final " + label(analyte) + " result in the EHR data"
                                    : keyReason("labs", entry, "no lab results")));
                }
            }
            return labs;
        }

        private record LabCandidate(Observation observation, Analyte analyte, Date when, LabInput lab,
                                    FhirUnrecognized problem) {
            boolean usable() {
                return lab != null;
            }
        }

        private Optional<LabCandidate> labCandidate(Observation observation) {
            List<Coding> loinc = codings(observation.getCode(), Set.of(LOINC));
            CodeCatalogues.LabCode code = null;
            for (Coding coding : loinc) {
                code = codes.lab(coding.getCode()).orElse(null);
                if (code != null) {
                    break;
                }
            }
            if (code == null) {
                unrecognized.add(new FhirUnrecognized(ref(observation), value(observation.getCode()),
                        loinc.isEmpty() ? "no LOINC code" : "a LOINC code the catalogue does not map"));
                return Optional.empty();
            }
            String shown = value(LOINC, code.loinc(), code.display());
            if (!code.verified()) {
                unrecognized.add(new FhirUnrecognized(ref(observation), shown,
                        "the catalogue lists this LOINC code as unverified, so it is not used"));
                return Optional.empty();
            }
            if (code.analyte() == null) {
                unrecognized.add(new FhirUnrecognized(ref(observation), shown, "not used: " + code.notUsedBecause()));
                return Optional.empty();
            }
            Analyte analyte = analyte(code.analyte());
            Date when = observation.hasEffectiveDateTimeType() ? observation.getEffectiveDateTimeType().getValue()
                    : observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()
                    ? observation.getEffectivePeriod().getStart()
                    : observation.hasIssued() ? observation.getIssued() : new Date(Long.MIN_VALUE);
            String problem = null;
            LabInput lab = null;
            if (!RESULT_STATUSES.contains(observation.getStatus())) {
                problem = "status " + (observation.hasStatus() ? observation.getStatus().toCode() : "missing")
                        + "; only final, amended or corrected results are used";
            } else if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
                problem = "no numeric value";
            } else {
                Quantity quantity = observation.getValueQuantity();
                String sentUnit = quantity.hasCode() && (!quantity.hasSystem() || UCUM.equals(quantity.getSystem()))
                        ? quantity.getCode() : quantity.getUnit();
                Optional<String> unit = codes.unit(sentUnit);
                if (unit.isEmpty()) {
                    problem = "unit '" + (sentUnit == null ? "" : sentUnit) + "' is not in the unit catalogue";
                } else {
                    LabInput candidate = new LabInput(analyte, quantity.getValue().doubleValue(), unit.get());
                    Set<ConstraintViolation<LabInput>> violations = validator.validate(candidate);
                    if (violations.isEmpty()) {
                        lab = candidate;
                    } else {
                        problem = violations.iterator().next().getMessage();
                    }
                }
            }
            FhirUnrecognized unusable = problem == null ? null : new FhirUnrecognized(ref(observation),
                    shown + valueText(observation), problem);
            return Optional.of(new LabCandidate(observation, analyte, when, lab, unusable));
        }

        // ---- Conditions ----

        private List<String> conditions(PrefetchEntry entry) {
            if (!entry.assessed()) {
                notAssessed.add(new NotAssessed("conditions", keyReason("conditions", entry, "no Conditions")));
            }
            Map<String, List<String>> names = new LinkedHashMap<>();
            for (Condition condition : entry.resourcesOf(Condition.class)) {
                String clinical = firstCode(condition.getClinicalStatus());
                String verification = firstCode(condition.getVerificationStatus());
                if (clinical == null || !ACTIVE_CLINICAL.contains(clinical)
                        || (verification != null && EXCLUDED_VERIFICATION.contains(verification))) {
                    continue; // not a current condition: nothing to report
                }
                List<String> mapped = conditionNames(condition);
                for (String name : mapped) {
                    names.computeIfAbsent(name, n -> new ArrayList<>()).add(ref(condition));
                }
            }
            List<String> conditions = new ArrayList<>();
            names.forEach((name, refs) -> {
                origins.put("conditions[" + conditions.size() + "]", List.copyOf(refs));
                conditions.add(name);
            });
            return conditions;
        }

        private List<String> conditionNames(Condition condition) {
            CodeableConcept code = condition.getCode();
            Set<String> names = new LinkedHashSet<>();
            String unverified = null;
            for (Coding coding : code.getCoding()) {
                String system = SNOMED.equals(coding.getSystem()) ? CodeCatalogues.SNOMED_CT
                        : ICD_10.contains(coding.getSystem()) ? CodeCatalogues.ICD_10 : null;
                Optional<CodeCatalogues.ConditionCode> row = codes.condition(system, coding.getCode());
                if (row.isPresent() && row.get().verified()) {
                    names.addAll(row.get().conditions());
                } else if (row.isPresent()) {
                    unverified = value(coding);
                }
            }
            if (names.isEmpty()) {
                // Display text falls back to the name catalogue, as a clinician's typed name would.
                for (String text : texts(code)) {
                    reference.conditions().find(text).ifPresent(e -> names.add(e.name()));
                }
            }
            if (names.isEmpty()) {
                unrecognized.add(new FhirUnrecognized(ref(condition), value(code), unverified != null
                        ? "the catalogue lists " + unverified + " as unverified, so it is not used"
                        : "no code or name the catalogues know"));
            }
            return List.copyOf(names);
        }

        // ---- Medications ----

        private List<MedicationInput> medications(FhirInput input) {
            PrefetchEntry entry = input.medications();
            if (!entry.assessed()) {
                notAssessed.add(new NotAssessed("medications", keyReason("medications", entry, "no MedicationRequests")));
            }
            Map<String, Medication> separate = new LinkedHashMap<>();
            for (Medication medication : entry.resourcesOf(Medication.class)) {
                separate.put("Medication/" + medication.getIdElement().getIdPart(), medication);
            }
            Map<String, List<String>> taken = new LinkedHashMap<>();
            for (MedicationRequest request : entry.resourcesOf(MedicationRequest.class)) {
                if (request.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE) {
                    for (String name : medicationNames(request, separate)) {
                        taken.computeIfAbsent(name, n -> new ArrayList<>()).add(ref(request));
                    }
                }
            }
            Map<String, List<String>> draftedNames = draftOrders;
            for (MedicationRequest request : input.draftOrders()) {
                for (String name : medicationNames(request, separate)) {
                    draftedNames.computeIfAbsent(name, n -> new ArrayList<>()).add(ref(request));
                }
            }
            List<MedicationInput> medications = new ArrayList<>();
            taken.forEach((name, refs) -> {
                origins.put("medications[" + medications.size() + "]", List.copyOf(refs));
                medications.add(new MedicationInput(name));
            });
            draftedNames.forEach((name, refs) -> {
                if (!taken.containsKey(name)) {
                    String field = "medications[" + medications.size() + "]";
                    origins.put(field, List.copyOf(refs));
                    drafted.add(field);
                    medications.add(new MedicationInput(name));
                }
            });
            return medications;
        }

        private List<String> medicationNames(MedicationRequest request, Map<String, Medication> separate) {
            CodeableConcept concept = null;
            List<String> texts = new ArrayList<>();
            if (request.hasMedicationCodeableConcept()) {
                concept = request.getMedicationCodeableConcept();
            } else if (request.hasMedicationReference()) {
                Reference reference = request.getMedicationReference();
                Medication medication = referencedMedication(request, reference, separate);
                if (medication != null) {
                    concept = medication.getCode();
                } else if (!reference.hasDisplay()) {
                    unrecognized.add(new FhirUnrecognized(ref(request), reference.getReference(),
                            "the referenced Medication is not in the data"));
                    return List.of();
                }
                if (reference.hasDisplay()) {
                    texts.add(reference.getDisplay());
                }
            }
            Set<String> names = new LinkedHashSet<>();
            String unverified = null;
            if (concept != null) {
                for (Coding coding : codings(concept, Set.of(RXNORM))) {
                    Optional<CodeCatalogues.MedicationCode> row = codes.medication(coding.getCode());
                    if (row.isPresent() && row.get().verified()) {
                        names.addAll(row.get().medications());
                    } else if (row.isPresent()) {
                        unverified = value(coding);
                    }
                }
                texts.addAll(0, texts(concept));
            }
            if (names.isEmpty()) {
                for (String text : texts) {
                    names.addAll(namesInDrugText(text));
                }
            }
            if (names.isEmpty()) {
                String shown = concept != null ? value(concept) : String.join(" ", texts);
                unrecognized.add(new FhirUnrecognized(ref(request), shown, unverified != null
                        ? "the catalogue lists " + unverified + " as unverified, and the text names no medication it knows"
                        : "no RxNorm code or name the catalogues know"));
            }
            return List.copyOf(names);
        }

        private Medication referencedMedication(MedicationRequest request, Reference reference,
                                                Map<String, Medication> separate) {
            if (reference.getResource() instanceof Medication resolved) {
                return resolved; // HAPI links "#id" references to contained resources while parsing
            }
            String target = reference.getReference();
            if (target == null) {
                return null;
            }
            if (target.startsWith("#")) {
                for (Resource contained : request.getContained()) {
                    String id = contained.getIdElement().getIdPart();
                    if (contained instanceof Medication m && id != null
                            && id.replace("#", "").equals(target.substring(1))) {
                        return m;
                    }
                }
                return null;
            }
            int at = target.indexOf("Medication/");
            return at < 0 ? null : separate.get(target.substring(at).replaceAll("/_history/.*$", ""));
        }

        /**
         * Medication names in an RxNorm-style text ("Hydrochlorothiazide 25 MG / Triamterene 37.5 MG Oral
         * Tablet [Maxzide]"): the whole text, the brand in brackets, and each ingredient before its strength.
         */
        private List<String> namesInDrugText(String text) {
            Set<String> names = new LinkedHashSet<>();
            reference.medications().find(text).ifPresent(e -> names.add(e.generic()));
            java.util.regex.Matcher brand = Pattern.compile("\\[([^\\]]+)]").matcher(text);
            while (brand.find()) {
                reference.medications().find(brand.group(1)).ifPresent(e -> names.add(e.generic()));
            }
            if (names.isEmpty()) {
                List<String> ingredients = new ArrayList<>();
                for (String part : text.replaceAll("\\[[^\\]]*]", "").split("/")) {
                    String words = part.strip().replaceFirst("^\\d+(\\.\\d+)?\\s*(HR|ML|MG)?\\s+", "")
                            .split("\\s+\\d")[0].strip();
                    reference.medications().find(words).ifPresent(e -> ingredients.add(e.generic()));
                }
                names.addAll(combination(ingredients));
            }
            return List.copyOf(names);
        }

        /** Ingredients that the medication catalogue knows together (e.g. "triamterene and hydrochlorothiazide"). */
        private List<String> combination(List<String> ingredients) {
            if (ingredients.size() == 2) {
                for (String order : List.of(ingredients.get(0) + " and " + ingredients.get(1),
                        ingredients.get(1) + " and " + ingredients.get(0))) {
                    Optional<ReferenceData.MedicationEntry> combined = reference.medications().find(order);
                    if (combined.isPresent()) {
                        return List.of(combined.get().generic());
                    }
                }
            }
            return ingredients;
        }

        // ---- The derived request, checked like any request ----

        private EvaluationRequest validated(EvaluationRequest request) {
            EvaluationRequest current = request;
            Set<ConstraintViolation<EvaluationRequest>> violations = validator.validate(current);
            if (violations.isEmpty()) {
                return current;
            }
            // Reached only if the per-resource checks above missed something: drop the whole section rather
            // than evaluate data that failed the API's own checks.
            List<LabInput> labs = current.labs();
            List<String> conditions = current.conditions();
            List<MedicationInput> medications = current.medications();
            PatientInput patient = current.patient();
            for (ConstraintViolation<EvaluationRequest> violation : violations) {
                String field = FieldPaths.of(violation);
                unrecognized.add(new FhirUnrecognized(field, String.valueOf(violation.getInvalidValue()),
                        violation.getMessage()));
                if (field.startsWith("labs")) {
                    labs = null;
                } else if (field.startsWith("conditions")) {
                    conditions = null;
                } else if (field.startsWith("medications")) {
                    medications = null;
                } else if (field.startsWith("patient")) {
                    patient = null;
                }
            }
            return new EvaluationRequest(patient, null, labs, null, null, null, conditions, medications, null, null);
        }
    }

    // ---- Helpers ----

    private static Analyte analyte(String code) {
        for (Analyte analyte : Analyte.values()) {
            if (analyte.code().equals(code)) {
                return analyte;
            }
        }
        throw new IllegalStateException("the catalogue reader admits only SPEC analytes, not " + code);
    }

    private static String label(Analyte analyte) {
        return analyte == Analyte.VITAMIN_D ? "25-OH vitamin D" : "serum " + analyte.code();
    }

    private static String keyReason(String key, PrefetchEntry entry, String none) {
        return switch (entry.state()) {
            case NOT_SENT -> "the EHR sent no prefetch '" + key + "'";
            case MISSING -> "the prefetch '" + key + "' could not be used: " + entry.reason();
            case NO_DATA, PRESENT -> "the EHR has " + none;
        };
    }

    private static List<Coding> codings(CodeableConcept concept, Set<String> systems) {
        return concept.getCoding().stream().filter(c -> systems.contains(c.getSystem()) && c.hasCode()).toList();
    }

    private static List<String> texts(CodeableConcept concept) {
        List<String> texts = new ArrayList<>();
        if (concept.hasText()) {
            texts.add(concept.getText());
        }
        concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).forEach(texts::add);
        return texts;
    }

    private static String firstCode(CodeableConcept concept) {
        return concept == null ? null : concept.getCoding().stream().filter(Coding::hasCode)
                .map(c -> c.getCode().toLowerCase(Locale.ROOT)).findFirst().orElse(null);
    }

    private static String value(CodeableConcept concept) {
        return concept.getCoding().stream().filter(Coding::hasCode).findFirst().map(FhirFactMapper::value)
                .orElse(concept.hasText() ? concept.getText() : "");
    }

    private static String value(Coding coding) {
        return value(coding.getSystem(), coding.getCode(), coding.getDisplay());
    }

    private static String value(String system, String code, String display) {
        return (system == null ? "" : system) + "|" + code + (display == null || display.isBlank() ? "" : " " + display);
    }

    private static String valueText(Observation observation) {
        if (!observation.hasValueQuantity()) {
            return "";
        }
        Quantity q = observation.getValueQuantity();
        return ": " + (q.hasValue() ? q.getValue().toPlainString() : "?") + " "
                + (q.hasCode() ? q.getCode() : q.hasUnit() ? q.getUnit() : "");
    }

    /** "Observation/123", or the type alone for a resource without id. */
    static String ref(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return id == null ? resource.fhirType() : resource.fhirType() + "/" + id;
    }

    /** A FHIR date of any precision; a year or month alone counts from its first day. */
    private static LocalDate birthDate(String fhirDate) {
        String[] parts = fhirDate.split("-");
        return LocalDate.of(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 1,
                parts.length > 2 ? Integer.parseInt(parts[2].substring(0, 2)) : 1);
    }
}
