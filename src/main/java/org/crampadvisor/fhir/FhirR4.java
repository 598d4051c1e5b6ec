package org.crampadvisor.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.Patient;

/**
 * The one FHIR R4 context of the application. Building it scans the whole R4 model, and the first
 * parse of each resource type builds its definitions, which together take seconds; {@link #warm()}
 * pays that at start instead of on the first EHR call.
 */
public final class FhirR4 {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private FhirR4() {
    }

    public static FhirContext context() {
        return CONTEXT;
    }

    /**
     * A JSON parser for EHR data: lenient about unknown elements (CDS Hooks asks services to accept
     * them), so that an EHR's extension never turns into a refused call. Parsers are cheap and not
     * thread-safe, so each caller gets its own.
     */
    public static IParser jsonParser() {
        IParser parser = CONTEXT.newJsonParser();
        parser.setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false));
        return parser;
    }

    /** Builds the definitions of every resource type the mapping reads. */
    public static void warm() {
        IParser parser = jsonParser();
        for (String type : new String[] {"Patient", "Observation", "Condition", "MedicationRequest", "Medication",
                "Bundle", "OperationOutcome"}) {
            CONTEXT.getResourceDefinition(type);
        }
        parser.parseResource(Patient.class, "{\"resourceType\":\"Patient\",\"id\":\"warm-up\"}");
    }
}
