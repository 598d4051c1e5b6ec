package org.crampadvisor.cdshooks;

import org.crampadvisor.fhir.FhirUnrecognized;
import org.crampadvisor.fhir.PrefetchEntry;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps another patient's data out of an evaluation: a resource that names a patient other than
 * {@code context.patientId} (a Patient with another id, an Observation, Condition or MedicationRequest
 * whose subject is another Patient) is left out and reported. References the service cannot resolve
 * ({@code urn:uuid:}, contained) are trusted, as the EHR sent them for this call.
 */
final class PatientScope {

    private PatientScope() {
    }

    record Scoped(PrefetchEntry entry, List<FhirUnrecognized> leftOut) {
    }

    static Scoped of(PrefetchEntry entry, String patientId) {
        if (patientId == null || entry.state() != PrefetchEntry.State.PRESENT) {
            return new Scoped(entry, List.of());
        }
        List<Resource> kept = new ArrayList<>();
        List<FhirUnrecognized> leftOut = new ArrayList<>();
        for (Resource resource : entry.resources()) {
            String other = otherPatient(resource, patientId);
            if (other == null) {
                kept.add(resource);
            } else {
                leftOut.add(new FhirUnrecognized(ref(resource), other,
                        "belongs to another patient than context.patientId " + patientId + ", so it is not used"));
            }
        }
        return new Scoped(leftOut.isEmpty() ? entry : PrefetchEntry.present(kept), leftOut);
    }

    /** The other patient a resource names ({@code Patient/7}), or null when it is this patient's or cannot tell. */
    static String otherPatient(Resource resource, String patientId) {
        if (resource instanceof Patient patient) {
            String id = patient.getIdElement().getIdPart();
            return id == null || id.equals(patientId) ? null : "Patient/" + id;
        }
        Reference subject = resource instanceof Observation o ? o.getSubject()
                : resource instanceof org.hl7.fhir.r4.model.Condition c ? c.getSubject()
                : resource instanceof MedicationRequest m ? m.getSubject() : null;
        if (subject == null || !subject.hasReference() || subject.getReference().startsWith("urn:")
                || subject.getReference().startsWith("#")) {
            return null;
        }
        IdType id = new IdType(subject.getReference());
        if (!"Patient".equals(id.getResourceType()) || id.getIdPart() == null || id.getIdPart().equals(patientId)) {
            return null;
        }
        return "Patient/" + id.getIdPart();
    }

    private static String ref(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return id == null ? resource.fhirType() : resource.fhirType() + "/" + id;
    }
}
