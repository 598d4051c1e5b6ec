package org.crampadvisor.cdshooks;

import org.crampadvisor.engine.CodeCatalogues;

import java.util.Arrays;
import java.util.Optional;

/** The CDS Services of SPEC section 8, each on its hook. */
public enum CdsService {

    LEG_CRAMP_CAUSES("leg-cramp-causes", "patient-view", "Leg cramp causes",
            "For a patient with leg cramps recorded as an active condition: the likely and possible causes of the "
                    + "cramps, with the findings behind each, the advice (and advice held back as harmful), what could not "
                    + "be assessed from the EHR data, and the rules that concluded it. Silent for other patients.",
            "Needs the prefetch keys or access to the EHR's FHIR server. Evaluates only patients with an active "
                    + "condition of the catalogue's cramps group (e.g. ICD-10 R25.2)."),
    DIURETIC_ORDER_CHECK("diuretic-order-check", "order-sign",
            "Diuretic order check",
            "When a diuretic is about to be signed: warns if the patient's latest serum potassium, sodium or magnesium "
                    + "is low or leg cramps are recorded, and suggests ordering the electrolytes that have no result.",
            "Needs the prefetch keys or access to the EHR's FHIR server; reads the draft MedicationRequests of "
                    + "context.draftOrders.");

    private final String id;
    private final String hook;
    private final String title;
    private final String description;
    private final String usageRequirements;

    CdsService(String id, String hook, String title, String description, String usageRequirements) {
        this.id = id;
        this.hook = hook;
        this.title = title;
        this.description = description;
        this.usageRequirements = usageRequirements;
    }

    public String id() {
        return id;
    }

    public String hook() {
        return hook;
    }

    public static Optional<CdsService> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** The service as discovery lists it, with the prefetch templates of the ruleset's catalogues. */
    public CdsHooksModel.ServiceDescription describe(CodeCatalogues codes) {
        return new CdsHooksModel.ServiceDescription(hook, title, description, id, PrefetchKey.templates(codes),
                usageRequirements);
    }
}
