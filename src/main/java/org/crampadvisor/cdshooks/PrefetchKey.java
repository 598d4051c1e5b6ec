package org.crampadvisor.cdshooks;

import org.crampadvisor.engine.CodeCatalogues;
import org.crampadvisor.fhir.FhirFactMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The prefetch keys of SPEC section 8 and the FHIR query behind each: the template the EHR is asked to
 * run (discovery), and the same query run by the service against {@code fhirServer} for a key the EHR did
 * not send.
 */
public enum PrefetchKey {

    PATIENT("patient", Set.of("Patient"), false),
    /**
     * The results of the LOINC codes the lab catalogue maps, newest first. Only the newest page is read:
     * the mapping uses the latest result of each analyte, and older pages hold only superseded ones.
     */
    LABS("labs", Set.of("Observation"), false),
    /** Active MedicationRequests with the Medications they reference; every page. */
    MEDICATIONS("medications", Set.of("MedicationRequest", "Medication"), true),
    /** Active (recurring, relapsed) Conditions; every page. */
    CONDITIONS("conditions", Set.of("Condition"), true);

    public static final String PATIENT_TOKEN = "{{context.patientId}}";
    /** The newest lab results the service asks for (one page). */
    static final int LAB_RESULTS = 50;
    private static final String PATIENT_PLACEHOLDER = "\u0000patient\u0000";

    private final String key;
    private final Set<String> resourceTypes;
    private final boolean everyPage;

    PrefetchKey(String key, Set<String> resourceTypes, boolean everyPage) {
        this.key = key;
        this.resourceTypes = resourceTypes;
        this.everyPage = everyPage;
    }

    public String key() {
        return key;
    }

    /** The resource types the key may hold; others in a bundle are ignored. */
    public Set<String> resourceTypes() {
        return resourceTypes;
    }

    /** Whether every page of a paged search is needed, or the first (newest) one is enough. */
    public boolean everyPage() {
        return everyPage;
    }

    /** The prefetch template of discovery, with {@value #PATIENT_TOKEN} for the patient. */
    public String template(CodeCatalogues codes) {
        return query(codes, PATIENT_TOKEN, false);
    }

    /** The query the service runs itself, relative to {@code fhirServer}, for a patient id (without {@code Patient/}). */
    public String query(CodeCatalogues codes, String patientId) {
        return query(codes, PATIENT_PLACEHOLDER, true).replace(PATIENT_PLACEHOLDER,
                URLEncoder.encode(patientId, StandardCharsets.UTF_8));
    }

    private String query(CodeCatalogues codes, String patient, boolean encoded) {
        return switch (this) {
            case PATIENT -> "Patient/" + patient;
            case LABS -> "Observation?" + parameters(encoded, "patient", patient,
                    "code", labCodes(codes), "status", "final,amended,corrected",
                    "_sort", "-date", "_count", Integer.toString(LAB_RESULTS));
            case MEDICATIONS -> "MedicationRequest?" + parameters(encoded, "patient", patient, "status", "active",
                    "_include", "MedicationRequest:medication");
            case CONDITIONS -> "Condition?" + parameters(encoded, "patient", patient,
                    "clinical-status", "active,recurrence,relapse");
        };
    }

    /** The LOINC codes the lab catalogue maps to an analyte (verified ones only), in catalogue order. */
    static String labCodes(CodeCatalogues codes) {
        return codes.labs().values().stream()
                .filter(code -> code.verified() && code.analyte() != null)
                .sorted(Comparator.comparingInt(CodeCatalogues.LabCode::line))
                .map(code -> FhirFactMapper.LOINC + "|" + code.loinc())
                .collect(Collectors.joining(","));
    }

    private static String parameters(boolean encoded, String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + (encoded && !p.getValue().equals(PATIENT_PLACEHOLDER)
                        ? encodeList(p.getValue()) : p.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Each value of a FHIR "or" list encoded, the commas between them kept. */
    private static String encodeList(String values) {
        return List.of(values.split(",")).stream().map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
    }

    /** The templates of every key, for discovery. */
    public static Map<String, String> templates(CodeCatalogues codes) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (PrefetchKey key : values()) {
            templates.put(key.key(), key.template(codes));
        }
        return templates;
    }
}
